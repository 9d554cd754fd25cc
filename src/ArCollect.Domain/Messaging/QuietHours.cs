namespace ArCollect.Domain.Messaging;

/// <summary>
/// The hours of the recipient's day in which no SMS goes out (e.g. 20:00 to 08:00). A window may wrap past midnight;
/// equal start and end means no quiet hours.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static readonly QuietHours Default = new(new TimeOnly(20, 0), new TimeOnly(8, 0));

    public bool Contains(TimeOnly local) =>
        Start != End && (Start < End ? local >= Start && local < End : local >= Start || local < End);

    /// <summary>
    /// <paramref name="at"/> itself when it is outside the quiet hours in <paramref name="zone"/>, else the end of the
    /// quiet hours on that local night (an end that falls into a daylight-saving gap moves to the first valid minute).
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time))
        {
            return at;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var endDay = Start < End || time < End ? day : day.AddDays(1);
        var end = endDay.ToDateTime(End);
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(1);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
    }
}
