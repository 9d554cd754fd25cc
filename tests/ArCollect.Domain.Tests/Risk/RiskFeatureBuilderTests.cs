using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class RiskFeatureBuilderTests
{
    private static readonly Guid CustomerId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly RiskCustomer Customer = new(CustomerId, "Retail", "DACH", "Online");
    private static readonly DateOnly AsOf = new(2026, 3, 1);

    private static RiskInvoice Invoice(int n, DateOnly issued, int terms, decimal amount, DateOnly? settled) =>
        new(Guid.Parse($"00000000-0000-0000-0000-{n:000000000000}"), CustomerId, issued, issued.AddDays(terms), amount, "EUR", settled);

    /// <summary>Four settled invoices (0, 10, 40 and 2 days late), one still open and overdue; one dispute in the year.</summary>
    private static List<RiskInvoice> Past() =>
    [
        Invoice(1, new DateOnly(2025, 9, 1), 30, 100m, new DateOnly(2025, 10, 1)),    // 0 days late
        Invoice(2, new DateOnly(2025, 10, 1), 30, 200m, new DateOnly(2025, 11, 10)),  // due 31 Oct, 10 days late
        Invoice(3, new DateOnly(2025, 11, 1), 30, 300m, new DateOnly(2026, 1, 10)),   // due 1 Dec, 40 days late
        Invoice(4, new DateOnly(2025, 12, 1), 30, 400m, new DateOnly(2026, 1, 2)),    // due 31 Dec, 2 days late
        Invoice(5, new DateOnly(2026, 1, 5), 30, 500m, null),                         // due 4 Feb, open and overdue
    ];

    private static readonly RiskInvoice Scored = Invoice(9, AsOf, 30, 1800m, null);

    [Fact]
    public void History_features_are_computed_from_invoices_settled_before_the_scoring_date()
    {
        var history = new CustomerHistory(Customer, [.. Past(), Scored], [new DateOnly(2025, 6, 1), new DateOnly(2024, 1, 1)]);

        var v = RiskFeatureBuilder.Build(Scored, history, AsOf, graceDays: 5);

        Assert.Equal(4, v[RiskFeature.HistoryCount]);
        Assert.Equal(13f, v[RiskFeature.MeanDaysLate]);         // (0 + 10 + 40 + 2) / 4
        Assert.Equal(6f, v[RiskFeature.MedianDaysLate]);        // (2 + 10) / 2
        Assert.Equal(0.5f, v[RiskFeature.ShareLate]);           // 10 and 40 are over 5 grace days
        Assert.Equal(0.25f, v[RiskFeature.ShareLate30]);
        Assert.Equal(13f, v[RiskFeature.LastFiveMeanDaysLate]);
        Assert.Equal(0f, v[RiskFeature.LastFiveTrend]);
        Assert.Equal(50f, v[RiskFeature.DaysSinceLastPayment]); // 10 Jan to 1 Mar: 21 + 28 + 1
        Assert.Equal(1f, v[RiskFeature.OpenCount]);
        Assert.Equal(1f, v[RiskFeature.OpenOverdueCount]);
        Assert.Equal(6f, v[RiskFeature.AmountVsCustomerMedian]); // 1800 / median(100..500) = 1800 / 300
        Assert.Equal(30f, v[RiskFeature.TermsDays]);
        Assert.Equal(3f, v[RiskFeature.DueMonth]);
        Assert.Equal(1f, v[RiskFeature.DisputesLast12Months]);  // 2024 is more than a year before
        Assert.Equal(181f, v[RiskFeature.CustomerTenureDays]);   // 1 Sep 2025 to 1 Mar 2026
        Assert.Equal(("EUR", "Retail", "DACH", "Online"), (v.Currency, v.Segment, v.Region, v.Channel));
    }

    [Fact]
    public void No_feature_of_an_invoice_changes_when_later_history_is_added()
    {
        var before = new CustomerHistory(Customer, [.. Past(), Scored], [new DateOnly(2025, 6, 1)]);

        // The future: the open invoice gets paid, the scored invoice itself is settled, new invoices are issued and
        // settled, and a dispute is opened — all on or after the scoring date.
        var future = Past();
        future[4] = future[4] with { SettledOn = AsOf.AddDays(3) };
        var after = new CustomerHistory(
            Customer,
            [.. future, Scored with { SettledOn = AsOf.AddDays(90) }, Invoice(10, AsOf, 30, 99999m, AsOf), Invoice(11, AsOf.AddDays(5), 10, 7m, AsOf.AddDays(60))],
            [new DateOnly(2025, 6, 1), AsOf, AsOf.AddDays(20)],
            [new RiskPromise(AsOf, Kept: false), new RiskPromise(AsOf.AddDays(10), Kept: true)]);

        var without = RiskFeatureBuilder.Build(Scored, before, AsOf, graceDays: 5);
        var with = RiskFeatureBuilder.Build(Scored with { SettledOn = AsOf.AddDays(90) }, after, AsOf, graceDays: 5);

        for (var f = 0; f < RiskFeatureVector.Count; f++)
        {
            Assert.True(without.Values[f] == with.Values[f], $"{RiskFeatureVector.Names[f]} changed from {without.Values[f]} to {with.Values[f]}");
        }

        Assert.Equal((without.Currency, without.Segment, without.Region, without.Channel), (with.Currency, with.Segment, with.Region, with.Channel));
    }

    [Fact]
    public void Promises_count_once_their_outcome_was_certain_before_the_scoring_date_within_a_year()
    {
        RiskPromise[] promises =
        [
            new(new DateOnly(2025, 2, 1), Kept: false),  // more than a year before: not counted
            new(new DateOnly(2025, 5, 1), Kept: true),
            new(new DateOnly(2025, 12, 20), Kept: false),
            new(new DateOnly(2026, 2, 28), Kept: false),
            new(AsOf, Kept: true),                        // certain only on the scoring date itself: not yet known
        ];
        var history = new CustomerHistory(Customer, [.. Past(), Scored], [], promises);

        var v = RiskFeatureBuilder.Build(Scored, history, AsOf, graceDays: 5);

        Assert.Equal(1f, v[RiskFeature.PromisesKeptLast12Months]);
        Assert.Equal(2f, v[RiskFeature.PromisesBrokenLast12Months]);
        Assert.Equal("broke 2 of 3 promises to pay in the last 12 months", RiskReasons.Phrase(RiskFeature.PromisesBrokenLast12Months, v));

        var keeper = RiskFeatureBuilder.Build(Scored, new CustomerHistory(Customer, [.. Past(), Scored], [], [new(new DateOnly(2026, 1, 9), Kept: true), new(new DateOnly(2026, 2, 9), Kept: true)]), AsOf, 5);
        Assert.Equal("kept both promises to pay in the last 12 months", RiskReasons.Phrase(RiskFeature.PromisesKeptLast12Months, keeper));
    }

    [Fact]
    public void Customer_without_history_has_neutral_history_features()
    {
        var v = RiskFeatureBuilder.Build(Scored, new CustomerHistory(Customer with { Segment = null }, [Scored], []), AsOf, graceDays: 5);

        Assert.Equal(0f, v[RiskFeature.HistoryCount]);
        Assert.Equal(1f, v[RiskFeature.AmountVsCustomerMedian]);
        Assert.Equal(RiskFeatureVector.NoPaymentYetDays, v[RiskFeature.DaysSinceLastPayment]);
        Assert.Equal("(none)", v.Segment);
    }

    [Fact]
    public void Time_ordered_split_holds_out_the_newest_fifth_by_issue_date()
    {
        var examples = Enumerable.Range(0, 10)
            .Select(n => new RiskExample(RiskFeatureBuilder.Build(Invoice(n, AsOf.AddDays(-n), 30, 10m, null), new CustomerHistory(Customer, [], []), AsOf, 0), AsOf.AddDays(-n), n))
            .ToList();

        var (training, holdout) = RiskDataset.Split(examples);

        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2], training.Select(e => e.DaysLate));
        Assert.Equal([1, 0], holdout.Select(e => e.DaysLate));
    }
}
