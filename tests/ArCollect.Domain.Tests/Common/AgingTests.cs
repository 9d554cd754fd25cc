using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public class AgingTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 31);

    [Fact]
    public void Days_past_due_counts_calendar_days_after_the_due_date()
    {
        Assert.Equal(30, Aging.DaysPastDue(new DateOnly(2025, 3, 1), AsOf));
        Assert.Equal(0, Aging.DaysPastDue(AsOf, AsOf));
        Assert.Equal(1, Aging.DaysPastDue(new DateOnly(2025, 3, 30), AsOf));
    }

    [Fact]
    public void Days_past_due_is_negative_before_the_due_date()
    {
        Assert.Equal(-14, Aging.DaysPastDue(new DateOnly(2025, 4, 14), AsOf));
    }

    [Fact]
    public void Days_past_due_counts_leap_days_and_year_ends()
    {
        // 28 Feb 2024 -> 1 Mar 2024 passes 29 Feb: 2 days. 28 Feb 2025 -> 1 Mar 2025: 1 day.
        Assert.Equal(2, Aging.DaysPastDue(new DateOnly(2024, 2, 28), new DateOnly(2024, 3, 1)));
        Assert.Equal(1, Aging.DaysPastDue(new DateOnly(2025, 2, 28), new DateOnly(2025, 3, 1)));
        // 15 Dec 2024 -> 15 Jan 2025: 16 days left in December + 15 = 31.
        Assert.Equal(31, Aging.DaysPastDue(new DateOnly(2024, 12, 15), new DateOnly(2025, 1, 15)));
    }

    [Theory]
    [InlineData(-30, AgingBucket.Current)]
    [InlineData(0, AgingBucket.Current)]
    [InlineData(1, AgingBucket.Days1To30)]
    [InlineData(30, AgingBucket.Days1To30)]
    [InlineData(31, AgingBucket.Days31To60)]
    [InlineData(60, AgingBucket.Days31To60)]
    [InlineData(61, AgingBucket.Days61To90)]
    [InlineData(90, AgingBucket.Days61To90)]
    [InlineData(91, AgingBucket.Over90)]
    [InlineData(1000, AgingBucket.Over90)]
    public void Bucket_edges_are_inclusive_at_the_top(int daysPastDue, AgingBucket expected)
    {
        Assert.Equal(expected, Aging.BucketFor(daysPastDue));
    }

    [Theory]
    [InlineData(AgingBucket.Current, "Current")]
    [InlineData(AgingBucket.Days1To30, "1-30")]
    [InlineData(AgingBucket.Days31To60, "31-60")]
    [InlineData(AgingBucket.Days61To90, "61-90")]
    [InlineData(AgingBucket.Over90, "90+")]
    public void Each_bucket_has_a_short_label(AgingBucket bucket, string label)
    {
        Assert.Equal(label, Aging.Label(bucket));
    }

    [Fact]
    public void Due_date_range_of_1_to_30_days_runs_from_30_days_ago_to_yesterday()
    {
        // As of 31 Mar: due 1 Mar (30 days) to 30 Mar (1 day).
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 30)), Aging.DueDateRange(AgingBucket.Days1To30, AsOf));
    }

    [Fact]
    public void Due_date_ranges_of_the_other_buckets()
    {
        // 31 Mar - 31 days = 28 Feb; - 60 = 30 Jan; - 61 = 29 Jan; - 90 = 31 Dec; - 91 = 30 Dec.
        Assert.Equal((AsOf, (DateOnly?)null), Aging.DueDateRange(AgingBucket.Current, AsOf));
        Assert.Equal((new DateOnly(2025, 1, 30), new DateOnly(2025, 2, 28)), Aging.DueDateRange(AgingBucket.Days31To60, AsOf));
        Assert.Equal((new DateOnly(2024, 12, 31), new DateOnly(2025, 1, 29)), Aging.DueDateRange(AgingBucket.Days61To90, AsOf));
        Assert.Equal(((DateOnly?)null, new DateOnly(2024, 12, 30)), Aging.DueDateRange(AgingBucket.Over90, AsOf));
    }

    [Fact]
    public void Due_date_ranges_agree_with_the_buckets_for_every_day_from_200_before_to_200_after()
    {
        var buckets = Enum.GetValues<AgingBucket>();
        foreach (var asOf in new[] { AsOf, new DateOnly(2024, 3, 1), new DateOnly(2025, 1, 1) })
        {
            for (var offset = -200; offset <= 200; offset++)
            {
                var due = asOf.AddDays(-offset);
                var bucket = Aging.BucketFor(Aging.DaysPastDue(due, asOf));
                Assert.Equal(offset, Aging.DaysPastDue(due, asOf));

                foreach (var candidate in buckets)
                {
                    var (from, to) = Aging.DueDateRange(candidate, asOf);
                    var inRange = (from is null || due >= from) && (to is null || due <= to);
                    Assert.True(inRange == (candidate == bucket),
                        $"as of {asOf:yyyy-MM-dd}, due {due:yyyy-MM-dd} is in {bucket} but range of {candidate} says {inRange}");
                }
            }
        }
    }
}
