using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Narratives;

namespace ArCollect.Domain.Tests.Narratives;

/// <summary>
/// Open invoices as of 2 Dec 2026, buckets 30/60/90, all in EUR (base), worked on paper:
///   Alpha (North): 4000 due 1 Jul (154 days, 90+, disputed: pricing), 2000 due 1 Aug (123 days, 90+), 1000 due 10 Dec (current).
///   Beta (North):  2000 due 1 Aug (90+), 1000 due 20 Nov (12 days, 1-30).
///   Gamma (South): 1000 due 1 Aug (90+, disputed: quantity), 3000 due 15 Oct (48 days, 31-60).
///   Delta (South): 1000 due 1 Aug (90+), 5000 due 31 Dec (current).
/// Totals: current 6000, 1-30 1000, 31-60 3000, 61-90 0, 90+ 10000 (5 invoices); 20000 open, 14000 (70 %) overdue.
/// Top three in 90+: Alpha 6000, Beta 2000, then Delta and Gamma tie at 1000 (Delta first by name): 9000 = 90 % of 90+.
/// Disputed in 90+: 4000 pricing + 1000 quantity = 5000 = 50 % of 90+, pricing 80 % of it ("mostly pricing").
/// By region: North overdue 6000 + 3000 = 9000 = 64 % of 14000; South 5000.
/// Effects (share of 20000): overdue 0.70, oldest 0.50, concentration 0.45, North 0.45, disputed 0.25.
/// </summary>
public sealed class AgingNarrativeTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 2);
    private static readonly AgingBuckets Buckets = AgingBuckets.Standard;

    private static readonly (string Customer, string Region, DateOnly Due, decimal Open, DisputeReason? Disputed)[] Ledger =
    [
        ("Alpha", "North", new(2026, 7, 1), 4000m, DisputeReason.PricingError),
        ("Alpha", "North", new(2026, 8, 1), 2000m, null),
        ("Alpha", "North", new(2026, 12, 10), 1000m, null),
        ("Beta", "North", new(2026, 8, 1), 2000m, null),
        ("Beta", "North", new(2026, 11, 20), 1000m, null),
        ("Gamma", "South", new(2026, 8, 1), 1000m, DisputeReason.QuantityMismatch),
        ("Gamma", "South", new(2026, 10, 15), 3000m, null),
        ("Delta", "South", new(2026, 8, 1), 1000m, null),
        ("Delta", "South", new(2026, 12, 31), 5000m, null),
    ];

    private static readonly AgingNarrativeLinks Links = new(
        (key, bucket) => $"cell:{key ?? "all"}:{bucket?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}",
        (customer, bucket) => $"customer:{customer}:{bucket}",
        reason => $"disputes:{reason}");

    private static List<AgingLine> Lines(Func<(string Customer, string Region, DateOnly Due, decimal Open, DisputeReason? Disputed), string> key) =>
        Ledger.GroupBy(key).Select(g =>
        {
            var amounts = new decimal[Buckets.Count];
            foreach (var i in g)
            {
                amounts[Buckets.IndexFor(i.Due, AsOf)] += i.Open;
            }

            return new AgingLine(g.Key, g.Key, amounts);
        }).ToList();

    private static AgingNarrativeInput Input(bool byRegion, bool withDisputes)
    {
        var totals = new AgingLine("", "Total", Lines(_ => "all")[0].Amounts);
        var counts = new int[Buckets.Count];
        foreach (var i in Ledger)
        {
            counts[Buckets.IndexFor(i.Due, AsOf)]++;
        }

        var disputed = DisputedCells.From(
            Ledger.Where(i => i.Disputed is not null).Select(i => new DisputedInvoiceAmount("EUR", i.Due, i.Disputed!.Value, i.Open)),
            AsOf, Buckets, new CurrencyConverter("EUR", []));
        var customers = Lines(i => i.Customer);
        return new AgingNarrativeInput(
            Buckets.Labels, totals, counts, "Region", GroupedByCustomer: !byRegion,
            byRegion ? Lines(i => i.Region) : customers, customers, withDisputes ? disputed : null, "EUR");
    }

    [Fact]
    public void Five_sentences_from_the_hand_worked_ledger_largest_share_first()
    {
        var sentences = AgingNarrative.Compose(Input(byRegion: true, withDisputes: true), Links);

        Assert.Equal(
            [
                "70 % of open receivables (EUR 14,000.00 of EUR 20,000.00) is overdue; the largest overdue bucket is 90+ days with EUR 10,000.00.",
                "EUR 10,000.00 (50 %) is 90+ days past due, in 5 invoices.",
                "Three customers hold 90 % of 90+: Alpha, Beta and Delta (EUR 9,000.00).",
                "Region North holds 64 % of the overdue amount (EUR 9,000.00).",
                "50 % of 90+ (EUR 5,000.00) is disputed, mostly pricing.",
            ],
            sentences.Select(s => s.Text));
    }

    [Fact]
    public void Each_sentence_links_to_the_invoices_behind_it()
    {
        var sentences = AgingNarrative.Compose(Input(byRegion: true, withDisputes: true), Links);
        var links = sentences.Select(s => s.Parts.Where(p => p.Link is not null).Select(p => p.Link).ToList()).ToList();

        Assert.Equal(["cell:all:4"], links[0]);
        Assert.Equal(["cell:all:4"], links[1]);
        Assert.Equal(["customer:Alpha:4", "customer:Beta:4", "customer:Delta:4"], links[2]);
        Assert.Equal(["cell:North:all"], links[3]);
        Assert.Equal(["disputes:PricingError"], links[4]);
    }

    [Fact]
    public void A_past_day_has_no_dispute_sentence_and_customer_grouping_names_no_group()
    {
        var sentences = AgingNarrative.Compose(Input(byRegion: false, withDisputes: false), Links);

        // Without the disputed and region sentences three findings remain, so no filler is needed.
        Assert.Equal(["overdue", "oldest", "concentration"], sentences.Select(s => s.Key));
    }

    [Fact]
    public void Disputed_amounts_are_bucketed_by_due_date_and_converted_at_the_days_rate_or_left_out()
    {
        var converter = new CurrencyConverter("EUR", [new RateQuote("USD", 0.9m, new(2026, 11, 1))]);
        var cells = DisputedCells.From(
            [
                new("USD", new(2026, 7, 1), DisputeReason.PricingError, 1000m), // 90+: 900.00 EUR
                new("EUR", new(2026, 11, 20), DisputeReason.PricingError, 50m), // 1-30
                new("GBP", new(2026, 7, 1), DisputeReason.PricingError, 70m), // no rate: left out
            ],
            AsOf, Buckets, converter);

        Assert.Equal(
            [new DisputedCell(4, DisputeReason.PricingError, 900m), new DisputedCell(1, DisputeReason.PricingError, 50m)],
            cells);
    }
}
