using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public sealed class TenantNightTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Night_hour_is_local_to_the_tenant()
    {
        // 03:00 in Tokyo (UTC+9) is 18:00 UTC the day before; in Berlin in June (UTC+2) 01:00 UTC; in New York (UTC-4) 07:00 UTC.
        Assert.Equal(Utc(6, 14, 18), TenantNight.LatestScheduled(Utc(6, 14, 19), Tokyo));
        Assert.Equal(Utc(6, 15, 1), TenantNight.LatestScheduled(Utc(6, 15, 1, 30), Berlin));
        Assert.Equal(Utc(6, 15, 7), TenantNight.LatestScheduled(Utc(6, 15, 7), NewYork));
        // Before tonight's hour the latest is last night's.
        Assert.Equal(Utc(6, 14, 7), TenantNight.LatestScheduled(Utc(6, 15, 6, 59), NewYork));
    }

    [Fact]
    public void A_tenant_runs_once_per_night_and_a_missed_night_is_caught_up()
    {
        var lastNight = Utc(6, 14, 1, 5);
        Assert.False(TenantNight.IsDue(Utc(6, 14, 23), Berlin, lastNight));
        Assert.True(TenantNight.IsDue(Utc(6, 15, 1, 5), Berlin, lastNight));
        Assert.False(TenantNight.IsDue(Utc(6, 15, 2, 5), Berlin, Utc(6, 15, 1, 6)));
        // The worker was down for two nights: the next check runs it, once.
        Assert.True(TenantNight.IsDue(Utc(6, 17, 10), Berlin, lastNight));
        Assert.True(TenantNight.IsDue(Utc(6, 15, 12), Berlin, lastRunUtc: null));
    }

    [Fact]
    public void Daylight_saving_changes_keep_the_local_hour()
    {
        // Berlin: winter UTC+1, so 03:00 local is 02:00 UTC; on 29 March 2026 clocks jump 02:00 -> 03:00 (UTC+2), 03:00 local is 01:00 UTC.
        Assert.Equal(Utc(3, 28, 2), TenantNight.LatestScheduled(Utc(3, 28, 12), Berlin));
        Assert.Equal(Utc(3, 29, 1), TenantNight.LatestScheduled(Utc(3, 29, 12), Berlin));
        // 25 October 2026 clocks go back 03:00 -> 02:00: 03:00 local happens once, in winter time (02:00 UTC).
        Assert.Equal(Utc(10, 25, 2), TenantNight.LatestScheduled(Utc(10, 25, 12), Berlin));
    }

    [Fact]
    public void A_night_hour_the_clocks_skip_moves_to_the_next_hour_that_exists()
    {
        // New York skips 02:00-03:00 on 8 March 2026: a 02:00 schedule runs at 03:00 EDT (07:00 UTC) that night.
        Assert.Equal(Utc(3, 8, 7), TenantNight.LatestScheduled(Utc(3, 8, 12), NewYork, hour: 2));
        Assert.Equal(Utc(3, 7, 7), TenantNight.LatestScheduled(Utc(3, 7, 12), NewYork, hour: 2));
    }

    [Fact]
    public void Unknown_time_zone_falls_back_to_utc()
    {
        Assert.Same(TimeZoneInfo.Utc, TenantNight.Zone("Mars/Olympus_Mons"));
        Assert.Equal(Berlin.Id, TenantNight.Zone("Europe/Berlin").Id);
    }
}
