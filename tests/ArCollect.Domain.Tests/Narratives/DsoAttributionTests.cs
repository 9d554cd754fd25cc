using ArCollect.Domain.Kpis;
using ArCollect.Domain.Narratives;

namespace ArCollect.Domain.Tests.Narratives;

/// <summary>
/// October and November 2026 for four customers, worked on paper (EUR, net 30; today 2 Dec 2026):
///   Alpha GmbH (North, key account, wholesale): A1 1 Oct 6,000 open; A2 1 Nov 2,400 open.
///   Beta AG (North, key account, retail):       B1 1 Oct 4,000 open; B2 1 Nov 1,200 open.
///   Gamma SA (South, retail):                   G1 1 Oct 2,000 open; G2 1 Nov 800 open.
///   Delta Ltd (South, wholesale):               D1 1 Oct 19,000, 15,500 paid 20 Oct, 3,500 paid 20 Nov;
///                                               D2 1 Nov 19,600, 17,700 paid 20 Nov.
/// October (31 days): sales 31,000, closing AR 6,000 + 4,000 + 2,000 + 3,500 = 15,500; DSO 15,500 / 31,000 x 31 = 15.5.
/// November (30 days): sales 24,000, cash 21,200, closing AR 8,400 + 5,200 + 2,800 + 1,900 = 18,300;
///   DSO 18,300 / 24,000 x 30 = 22.875: up 7.375 days.
/// One euro of receivables is worth k = days / sales: October 31 / 31,000 = 0.001, November 30 / 24,000 = 0.00125.
/// Customers (receivables change x November's k): Alpha +2,400 = 3.0 days, Beta +1,200 = 1.5, Gamma +800 = 1.0,
///   Delta -1,600 = -2.0; together +2,800 = 3.5 days.
/// Sales: October's 15,500 of receivables at November's pace: 15,500 x (0.00125 - 0.001) = 3.875 days.
/// 3.5 + 3.875 = 7.375, the whole change; nothing left for exchange rates (one currency).
/// Named: Alpha (3.0, 41 % of 7.375) is not half, Alpha + Beta (4.5, 61 %) is: two key accounts, both in North.
/// </summary>
public sealed class DsoAttributionTests
{
    private static readonly Guid Alpha = new("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Beta = new("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid Gamma = new("cccccccc-0000-0000-0000-000000000003");
    private static readonly Guid Delta = new("dddddddd-0000-0000-0000-000000000004");

    private static readonly IReadOnlyList<LedgerInvoice> Ledger =
    [
        new(new(2026, 10, 1), new(2026, 10, 31), 6000m, [], null),
        new(new(2026, 10, 1), new(2026, 10, 31), 4000m, [], null),
        new(new(2026, 10, 1), new(2026, 10, 31), 2000m, [], null),
        new(new(2026, 10, 1), new(2026, 10, 31), 19000m, [new(new(2026, 10, 20), 15500m, true), new(new(2026, 11, 20), 3500m, true)], new(2026, 11, 20)),
        new(new(2026, 11, 1), new(2026, 12, 1), 2400m, [], null),
        new(new(2026, 11, 1), new(2026, 12, 1), 1200m, [], null),
        new(new(2026, 11, 1), new(2026, 12, 1), 800m, [], null),
        new(new(2026, 11, 1), new(2026, 12, 1), 19600m, [new(new(2026, 11, 20), 17700m, true)], null),
    ];

    private static readonly IReadOnlyList<CustomerArChange> Changes =
    [
        new(Alpha, "Alpha GmbH", "North", "Wholesale", true, 2400m),
        new(Beta, "Beta AG", "North", "Retail", true, 1200m),
        new(Gamma, "Gamma SA", "South", "Retail", false, 800m),
        new(Delta, "Delta Ltd", "South", "Wholesale", false, -1600m),
    ];

    private static readonly KpiNarrativeLinks Links = new(
        k => $"#kpi-{k.PeriodStart:yyyy-MM-dd}",
        s => $"state:{s}",
        c => $"collector:{c}",
        id => $"customer:{id}",
        (dimension, value) => $"{dimension}:{value}");

    private static KpiSnapshot October => KpiCalculator.Compute(Ledger, new(2026, 10, 1), new(2026, 10, 31), 50m);

    private static KpiSnapshot November => KpiCalculator.Compute(Ledger, new(2026, 11, 1), new(2026, 11, 30), 50m);

    private static KpiNarrativeInput Input(IReadOnlyList<CustomerArChange>? changes) => new(
        [October, November, KpiCalculator.Compute(Ledger, new(2026, 12, 1), new(2026, 12, 2), null) with { Partial = true }],
        Monthly: true,
        Target: 50m,
        [],
        [],
        "EUR",
        changes);

    [Fact]
    public void The_change_splits_into_customers_and_sales_and_the_parts_add_up_to_it()
    {
        var attribution = DsoAttribution.Of(October, November, Changes)!;

        Assert.Equal(15.5m, October.Dso);
        Assert.Equal(22.875m, November.Dso);
        Assert.Equal(7.375m, attribution.Change);
        Assert.Equal(3.875m, attribution.SalesEffect);
        Assert.Equal(0m, attribution.OtherEffect);
        Assert.Equal([3.0m, 1.5m, 1.0m, -2.0m], attribution.Customers.Select(c => c.Days));
        Assert.Equal([Alpha, Beta], attribution.Drivers(3, 0.5m).Select(d => d.Customer.CustomerId));
    }

    [Fact]
    public void The_DSO_sentence_names_the_customers_that_explain_the_rise_and_the_sales_pace_each_customer_linked()
    {
        var sentences = KpiNarrative.Compose(Input(Changes), Links);

        var dso = sentences.Single(s => s.Key == "dso");
        Assert.Equal(
            "DSO rose 7.4 days in November 2026, from 15.5 to 22.9; two key accounts in North account for 4.5 of the 7.4 days (61 %): "
            + "Alpha GmbH (3.0 days) and Beta AG (1.5); lower sales per day added 3.9 days.",
            dso.Text);
        Assert.Equal(["#kpi-2026-11-01", $"customer:{Alpha}", $"customer:{Beta}"], dso.Parts.Where(p => p.Link is not null).Select(p => p.Link));

        // North's movers are exactly the two named; South moved DSO by 1.0 - 2.0 = -1.0; retail 2.5 (34 %): no group sentence.
        Assert.DoesNotContain(sentences, s => s.Key.StartsWith("dso-", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_small_movers_in_one_region_get_a_sentence_of_their_own_linked_to_that_regions_customers()
    {
        // Same two months; five South customers each +800 (1.0 day each), one North customer -1,200 (-1.5 days):
        // +2,800 in all, so the customers' 3.5 days and sales' 3.875 are unchanged. The three largest (ties by name)
        // explain 3.0 of 7.375 (41 %), never half; South's five explain 5.0 (68 %), more than the three named.
        IReadOnlyList<CustomerArChange> changes =
        [
            .. Enumerable.Range(1, 5).Select(n => new CustomerArChange(new Guid($"00000000-0000-0000-0000-00000000000{n}"), $"South {n}", "South", null, false, 800m)),
            new(Alpha, "North 1", "North", null, false, -1200m),
        ];

        var sentences = KpiNarrative.Compose(Input(changes), Links);

        Assert.Equal(
            "DSO rose 7.4 days in November 2026, from 15.5 to 22.9; three customers in South account for 3.0 of the 7.4 days (41 %): "
            + "South 1 (1.0 days), South 2 (1.0) and South 3 (1.0); lower sales per day added 3.9 days.",
            sentences.Single(s => s.Key == "dso").Text);
        var region = sentences.Single(s => s.Key == "dso-region");
        Assert.Equal("Customers in region South account for 5.0 of the 7.4 days DSO rose in November 2026 (68 %).", region.Text);
        Assert.Equal("region:South", region.Parts[0].Link);
    }

    [Fact]
    public void A_fall_names_the_customers_that_paid_down_and_a_faster_sales_pace()
    {
        // Hand-made: DSO fell 4.0 days; X paid down 2.0 days' worth, Y 0.4, Z added 0.6; higher sales took 1.2 off;
        // 0.2 is exchange rates. X alone is half of the fall: one customer is named.
        var x = new CustomerArChange(Alpha, "X Corp", null, null, false, -2000m);
        var attribution = new DsoAttribution(-4.0m, -1.2m, -0.2m, [new(x, -2.0m), new(x with { Name = "Y Inc" }, -0.4m), new(x with { Name = "Z plc" }, 0.6m)]);

        var text = string.Concat(DsoNarrative.Clauses(attribution, Links).Select(p => p.Text));

        Assert.Equal("; one customer accounts for 2.0 of the 4.0 days (50 %): X Corp (2.0 days); higher sales per day took 1.2 days off", text);
    }

    [Fact]
    public void Without_customer_facts_the_DSO_sentence_is_as_before()
    {
        var sentences = KpiNarrative.Compose(Input(null), Links);

        Assert.Equal("DSO rose 7.4 days in November 2026, from 15.5 to 22.9.", sentences.Single(s => s.Key == "dso").Text);
    }

    [Fact]
    public void A_month_without_sales_has_no_attribution()
    {
        var quiet = November with { CreditSales = 0m, Dso = null };

        Assert.Null(DsoAttribution.Of(October, quiet, Changes));
    }
}
