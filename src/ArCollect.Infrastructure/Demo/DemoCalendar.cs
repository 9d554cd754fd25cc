namespace ArCollect.Infrastructure.Demo;

/// <summary>Business-day and time-of-day helpers shared by the demo generators.</summary>
internal static class DemoCalendar
{
    /// <summary>Invoices are issued and bank receipts land on weekdays; weekend dates move to Monday.</summary>
    public static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    public static DateTimeOffset AtUtc(DateOnly date, int hour, int minute) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
}
