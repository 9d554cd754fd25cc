using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Tests.Dunning;

public class SendTimePlannerTests
{
    private static readonly Dictionary<DayOfWeek, int> NoHistory = [];

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void During_business_hours_it_sends_now()
    {
        // Monday 16 March 2026, 10:30 UTC = 11:30 in Berlin (CET, UTC+1).
        var now = Utc(3, 16, 10, 30);

        var choice = SendTimePlanner.Choose(now, "Europe/Berlin", NoHistory);

        Assert.Equal(now, choice.At);
        Assert.Equal("Send Monday 2026-03-16 11:30 Europe/Berlin: first business hour; no weekday preference in the customer's history.", choice.Reason);
    }

    [Fact]
    public void Before_opening_it_waits_for_nine_oclock_local_time()
    {
        // Monday 06:00 UTC = 02:00 in New York (EDT, UTC-4 since 8 March): 09:00 EDT = 13:00 UTC.
        var choice = SendTimePlanner.Choose(Utc(3, 16, 6), "America/New_York", NoHistory);

        Assert.Equal(Utc(3, 16, 13), choice.At);
    }

    [Fact]
    public void After_closing_on_friday_it_moves_to_monday_morning()
    {
        // Friday 20 March, 17:30 UTC = 18:30 Berlin: next slot Monday 23 March 09:00 CET = 08:00 UTC.
        var choice = SendTimePlanner.Choose(Utc(3, 20, 17, 30), "Europe/Berlin", NoHistory);

        Assert.Equal(Utc(3, 23, 8), choice.At);
    }

    [Fact]
    public void Weekend_run_sends_on_monday_in_the_customers_zone()
    {
        // Sunday 22 March 23:00 UTC is already Monday 10:00 in Sydney (AEDT, UTC+11): send now.
        var now = Utc(3, 22, 23);

        Assert.Equal(now, SendTimePlanner.Choose(now, "Australia/Sydney", NoHistory).At);
    }

    [Fact]
    public void Preferred_weekday_within_three_days_is_waited_for()
    {
        // Monday run; the customer replied/paid on Wednesdays 5 times of 8 (62%): Wednesday 18 March 09:00 CET = 08:00 UTC.
        var history = new Dictionary<DayOfWeek, int> { [DayOfWeek.Wednesday] = 5, [DayOfWeek.Monday] = 2, [DayOfWeek.Friday] = 1 };

        var choice = SendTimePlanner.Choose(Utc(3, 16, 10), "Europe/Berlin", history);

        Assert.Equal(Utc(3, 18, 8), choice.At);
        Assert.Equal("Send Wednesday 2026-03-18 09:00 Europe/Berlin: waits 2 days: the customer usually pays or replies on Wednesdays (5 of 8).", choice.Reason);
    }

    [Fact]
    public void Preferred_weekday_further_than_three_days_away_is_not_waited_for()
    {
        // Tuesday run, preference Monday (6 days away): send Tuesday now.
        var history = new Dictionary<DayOfWeek, int> { [DayOfWeek.Monday] = 6 };
        var now = Utc(3, 17, 10);

        var choice = SendTimePlanner.Choose(now, "Etc/UTC", history);

        Assert.Equal(now, choice.At);
        Assert.EndsWith("first business hour; preferred Monday is 6 days away.", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Preferred_weekday_today_sends_now()
    {
        var history = new Dictionary<DayOfWeek, int> { [DayOfWeek.Monday] = 4 };
        var now = Utc(3, 16, 12);

        Assert.Equal(now, SendTimePlanner.Choose(now, "Etc/UTC", history).At);
    }

    [Fact]
    public void Too_few_events_give_no_preference()
    {
        // 3 events are below the minimum of 4: send at once.
        var history = new Dictionary<DayOfWeek, int> { [DayOfWeek.Thursday] = 3 };
        var now = Utc(3, 16, 12);

        Assert.Equal(now, SendTimePlanner.Choose(now, "Etc/UTC", history).At);
    }

    [Fact]
    public void Evenly_spread_history_gives_no_preference()
    {
        // Best day has 3 of 10 = 30% < 40%.
        var history = new Dictionary<DayOfWeek, int> { [DayOfWeek.Thursday] = 3, [DayOfWeek.Tuesday] = 3, [DayOfWeek.Monday] = 2, [DayOfWeek.Friday] = 2 };
        var now = Utc(3, 16, 12);

        Assert.Equal(now, SendTimePlanner.Choose(now, "Etc/UTC", history).At);
    }

    [Fact]
    public void Unknown_time_zone_falls_back_to_utc()
    {
        // Monday 07:00 UTC, zone unknown: 09:00 UTC.
        var choice = SendTimePlanner.Choose(Utc(3, 16, 7), "Mars/Olympus", NoHistory);

        Assert.Equal(Utc(3, 16, 9), choice.At);
        Assert.Contains(" UTC:", choice.Reason, StringComparison.Ordinal);
    }
}
