namespace ArCollect.Domain.Common;

/// <summary>
/// When a tenant's nightly work is due: once per local day, at a fixed hour of the night in the tenant's own time
/// zone. A run that was missed (the worker was down at that hour) is caught up at the next check, never skipped.
/// </summary>
public static class TenantNight
{
    /// <summary>03:00 local: after midnight's date change and outside the hour most zones skip or repeat for daylight saving.</summary>
    public const int DefaultHour = 3;

    /// <summary>The latest scheduled instant at or before <paramref name="nowUtc"/>: today's night hour in the zone, or yesterday's.</summary>
    public static DateTimeOffset LatestScheduled(DateTimeOffset nowUtc, TimeZoneInfo zone, int hour = DefaultHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(nowUtc, zone).DateTime);
        var today = At(localDate, hour, zone);
        return today <= nowUtc ? today : At(localDate.AddDays(-1), hour, zone);
    }

    /// <summary>True when the night's run has not happened yet: the last run (if any) was before the latest scheduled instant.</summary>
    public static bool IsDue(DateTimeOffset nowUtc, TimeZoneInfo zone, DateTimeOffset? lastRunUtc, int hour = DefaultHour) =>
        lastRunUtc is not { } last || last < LatestScheduled(nowUtc, zone, hour);

    /// <summary>The zone of a tenant's IANA id, or UTC when the id is unknown on this machine.</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTimeOffset At(DateOnly date, int hour, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        // A local time the clocks skip (spring forward) does not exist: the run moves to the first hour that does.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
