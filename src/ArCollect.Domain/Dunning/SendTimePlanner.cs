using System.Globalization;

namespace ArCollect.Domain.Dunning;

public sealed record SendTime(DateTimeOffset At, string Reason);

/// <summary>
/// Picks when a reminder goes out: inside business hours (Monday to Friday) in the customer's time zone, on the
/// weekday the customer usually pays or replies if that day comes within <see cref="MaxWaitDays"/> days.
/// </summary>
public static class SendTimePlanner
{
    public static readonly TimeOnly OpensAt = new(9, 0);
    public static readonly TimeOnly ClosesAt = new(17, 0);
    public const int MaxWaitDays = 3;
    public const int MinEventsForPreference = 4;
    public const decimal MinShareForPreference = 0.4m;

    /// <param name="responseDays">How often the customer paid or replied on each weekday (local days).</param>
    public static SendTime Choose(DateTimeOffset now, string timeZoneId, IReadOnlyDictionary<DayOfWeek, int> responseDays)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            zone = TimeZoneInfo.Utc;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var earliest = EarliestSlot(local);
        var preferred = PreferredDay(responseDays);
        string reason;
        var chosen = earliest;
        if (preferred is null)
        {
            reason = "first business hour; no weekday preference in the customer's history";
        }
        else
        {
            var (day, count, total) = preferred.Value;
            var wait = ((int)day - (int)earliest.DayOfWeek + 7) % 7;
            var usually = $"usually pays or replies on {day}s ({count} of {total})";
            if (wait == 0)
            {
                reason = $"first business hour, and the customer {usually}";
            }
            else if (wait <= MaxWaitDays)
            {
                chosen = earliest.Date.AddDays(wait) + OpensAt.ToTimeSpan();
                reason = $"waits {wait} day{(wait == 1 ? "" : "s")}: the customer {usually}";
            }
            else
            {
                reason = $"first business hour; preferred {day} is {wait} days away";
            }
        }

        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chosen, DateTimeKind.Unspecified), zone));
        var when = chosen.ToString("dddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new SendTime(utc > now ? utc : now, $"Send {when} {zone.Id}: {reason}.");
    }

    private static DateTime EarliestSlot(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        if (IsWorkday(local.DayOfWeek) && time < ClosesAt)
        {
            return time < OpensAt ? local.Date + OpensAt.ToTimeSpan() : local;
        }

        var day = local.Date.AddDays(1);
        while (!IsWorkday(day.DayOfWeek))
        {
            day = day.AddDays(1);
        }

        return day + OpensAt.ToTimeSpan();
    }

    private static (DayOfWeek Day, int Count, int Total)? PreferredDay(IReadOnlyDictionary<DayOfWeek, int> responseDays)
    {
        var total = responseDays.Values.Sum();
        if (total < MinEventsForPreference)
        {
            return null;
        }

        // Ties go to the earlier weekday so the choice is deterministic.
        var best = responseDays.Where(d => IsWorkday(d.Key))
            .OrderByDescending(d => d.Value).ThenBy(d => ((int)d.Key + 6) % 7)
            .FirstOrDefault();
        return best.Value > 0 && (decimal)best.Value / total >= MinShareForPreference ? (best.Key, best.Value, total) : null;
    }

    private static bool IsWorkday(DayOfWeek day) => day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
