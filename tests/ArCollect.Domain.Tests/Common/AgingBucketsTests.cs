using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public sealed class AgingBucketsTests
{
    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    [InlineData(31, 2)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    public void Standard_buckets_place_days_like_the_fixed_aging(int days, int index)
    {
        Assert.Equal(index, AgingBuckets.Standard.IndexFor(days));
        Assert.Equal((int)Aging.BucketFor(days), index);
    }

    [Fact]
    public void Custom_edges_give_their_own_buckets_and_labels()
    {
        var buckets = AgingBuckets.Create([15, 45]);

        Assert.Equal(["Current", "1-15", "16-45", "45+"], buckets.Labels);
        Assert.Equal(2, buckets.IndexFor(16));
        Assert.Equal(3, buckets.IndexFor(46));
    }

    [Fact]
    public void Due_date_ranges_match_the_bucket_of_each_day()
    {
        var asOf = new DateOnly(2026, 6, 15);
        var buckets = AgingBuckets.Create([15, 45]);

        Assert.Equal((new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 14)), buckets.DueDateRange(1, asOf)); // 1..15 days
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30)), buckets.DueDateRange(2, asOf)); // 16..45 days
        Assert.Equal(((DateOnly?)null, new DateOnly(2026, 4, 30)), buckets.DueDateRange(3, asOf)); // 46+ days
        Assert.Equal(Aging.DueDateRange(AgingBucket.Days31To60, asOf), AgingBuckets.Standard.DueDateRange(2, asOf));
    }

    [Theory]
    [InlineData("60, 30", "Edges must increase, e.g. 30, 60, 90.")]
    [InlineData("0, 30", "The first edge must be at least 1 day.")]
    [InlineData("30, x", "'x' is not a whole number of days.")]
    [InlineData("", "Give between 1 and 8 bucket edges, e.g. 30, 60, 90.")]
    public void Bad_edges_are_refused_with_a_reason(string text, string error)
    {
        var (buckets, message) = AgingBuckets.TryParse(text);

        Assert.Null(buckets);
        Assert.Equal(error, message);
    }

    [Fact]
    public void Parsed_edges_round_trip()
    {
        var (buckets, _) = AgingBuckets.TryParse(" 30,60 , 90,120");

        Assert.Equal("30, 60, 90, 120", buckets!.ToString());
        Assert.Equal("120+", buckets.Label(buckets.LastIndex));
    }
}
