using ArCollect.Domain.Common;
using ArCollect.Domain.Kpis;

namespace ArCollect.Domain.Tests.Kpis;

/// <summary>
/// The daily-facts path must give the very snapshots of the per-invoice path: each invoice becomes its sale on the
/// issue day, each reduction on its own day (both keyed by the invoice's due day) and its settlement, as the
/// database triggers store them.
/// </summary>
public sealed class DailyLedgerTests
{
    private static readonly CurrencyConverter BaseOnly = new("EUR", []);

    [Fact]
    public void Hand_worked_ledger_gives_the_same_March_snapshot_from_daily_facts()
    {
        var ledger = new DailyLedger(Facts(HandWorkedLedger, "EUR"), BaseOnly);

        var kpis = KpiCalculator.Compute(ledger, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), 40m);

        // The figures worked on paper in KpiCalculatorTests.
        Assert.Equal(3600m, kpis.OpeningAr);
        Assert.Equal(5000m, kpis.ClosingAr);
        Assert.Equal(3000m, kpis.ClosingCurrentAr);
        Assert.Equal(4000m, kpis.CreditSales);
        Assert.Equal(2500m, kpis.Collected);
        Assert.Equal(38.75m, kpis.Dso);
        Assert.Equal(23.25m, kpis.BestPossibleDso);
        Assert.Equal(40.33m, Math.Round(kpis.CountbackDso!.Value, 2));
        Assert.Equal(56.52m, Math.Round(kpis.Cei!.Value, 2));
        Assert.Equal(22.5m, kpis.AverageDaysToPay);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hand_worked_ledger_gives_identical_trends_on_both_paths(bool monthly)
    {
        AssertSamePaths(HandWorkedLedger, new DateOnly(2026, 6, 15), monthly);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Randomised_ledger_gives_identical_trends_on_both_paths(int seed, bool monthly)
    {
        var today = new DateOnly(2026, 11, 18);
        AssertSamePaths(RandomLedger(new Random(seed), today, 400), today, monthly);
    }

    [Fact]
    public void A_due_date_on_the_period_end_counts_as_current_on_both_paths()
    {
        var end = new DateOnly(2026, 4, 30);
        IReadOnlyList<LedgerInvoice> ledger = [new(new(2026, 4, 1), end, 700m, [new(new(2026, 4, 10), 200m, true)], null)];

        var facts = KpiCalculator.Compute(new DailyLedger(Facts(ledger, "EUR"), BaseOnly), new(2026, 4, 1), end, null);

        Assert.Equal(500m, facts.ClosingCurrentAr);
        Assert.Equal(KpiCalculator.Compute(ledger, new(2026, 4, 1), end, null), facts);
    }

    [Fact]
    public void Flows_convert_at_their_own_day_and_balances_at_the_period_end()
    {
        // USD -> EUR: 0.90 from 1 Jan, 0.80 from 15 Mar, 0.95 from 1 Apr (after the period).
        // Invoice issued 5 Mar for USD 1000 (due 4 Apr): sales 1000 x 0.90 = 900 EUR.
        // Payment of USD 400 on 20 Mar: cash 400 x 0.80 = 320 EUR.
        // Closing AR on 31 Mar: USD 600 x 0.80 (rate in force on 31 Mar) = 480 EUR, all current.
        var converter = new CurrencyConverter("EUR",
            [new RateQuote("USD", 0.90m, new(2026, 1, 1)), new RateQuote("USD", 0.80m, new(2026, 3, 15)), new RateQuote("USD", 0.95m, new(2026, 4, 1))]);
        IReadOnlyList<LedgerInvoice> ledger = [new(new(2026, 3, 5), new(2026, 4, 4), 1000m, [new(new(2026, 3, 20), 400m, true)], null)];

        var kpis = KpiCalculator.Compute(new DailyLedger(Facts(ledger, "USD"), converter), new(2026, 3, 1), new(2026, 3, 31), null);

        Assert.Equal(900m, kpis.CreditSales);
        Assert.Equal(320m, kpis.Collected);
        Assert.Equal(480m, kpis.ClosingAr);
        Assert.Equal(480m, kpis.ClosingCurrentAr);
        Assert.Equal(0m, kpis.OpeningAr);
        // 480 / 900 x 31 = 16.533...
        Assert.Equal(16.53m, Math.Round(kpis.Dso!.Value, 2));
    }

    [Fact]
    public void A_currency_without_a_rate_on_the_day_is_left_out_and_named()
    {
        // The only USD rate starts on 15 Mar: the sale of 5 Mar has none, the balance on 31 Mar has one.
        var converter = new CurrencyConverter("EUR", [new RateQuote("USD", 0.80m, new(2026, 3, 15))]);
        IReadOnlyList<LedgerInvoice> usd = [new(new(2026, 3, 5), new(2026, 4, 4), 1000m, [], null)];
        IReadOnlyList<LedgerInvoice> eur = [new(new(2026, 3, 6), new(2026, 4, 5), 100m, [], null)];
        var ledger = new DailyLedger([.. Facts(usd, "USD"), .. Facts(eur, "EUR")], converter);

        var kpis = KpiCalculator.Compute(ledger, new(2026, 3, 1), new(2026, 3, 31), null);

        Assert.Equal(100m, kpis.CreditSales); // EUR only
        Assert.Equal(900m, kpis.ClosingAr); // USD 1000 x 0.80 + EUR 100
        Assert.Equal(["USD"], ledger.MissingRates);
    }

    private static void AssertSamePaths(IReadOnlyList<LedgerInvoice> invoices, DateOnly today, bool monthly)
    {
        var ledger = new DailyLedger(Facts(invoices, "EUR"), BaseOnly);
        foreach (var (start, end) in KpiCalculator.Periods(today, monthly, monthly ? 12 : 52))
        {
            Assert.Equal(KpiCalculator.Compute(invoices, start, end, 45m), KpiCalculator.Compute(ledger, start, end, 45m));
        }
    }

    /// <summary>What the database stores for these invoices: signed amounts per (day, due day), late events keyed to the day before.</summary>
    internal static List<DailyFact> Facts(IEnumerable<LedgerInvoice> invoices, string currency)
    {
        var facts = new List<DailyFact>();
        foreach (var i in invoices)
        {
            facts.Add(new DailyFact(currency, i.IssueDate, Due(i, i.IssueDate), i.Amount, 0m, 0m, 0m, 0, 0));
            foreach (var r in i.Reductions)
            {
                facts.Add(new DailyFact(currency, r.On, Due(i, r.On), 0m, r.IsCash ? r.Amount : 0m, r.IsCash ? 0m : r.Amount, 0m, 0, 0));
            }

            if (i.SettledOn is { } s)
            {
                facts.Add(new DailyFact(currency, s, Due(i, s), 0m, 0m, 0m, 0m, 1, s.DayNumber - i.IssueDate.DayNumber));
            }
        }

        // Like the table: one row per key with the amounts added up.
        return facts.GroupBy(f => (f.Day, f.DueDay))
            .Select(g => new DailyFact(currency, g.Key.Day, g.Key.DueDay, g.Sum(f => f.Sales), g.Sum(f => f.Cash), g.Sum(f => f.Credits), 0m,
                g.Sum(f => f.SettledCount), g.Sum(f => f.SettledDays)))
            .ToList();
    }

    private static DateOnly Due(LedgerInvoice invoice, DateOnly day) => invoice.DueDate >= day ? invoice.DueDate : day.AddDays(-1);

    private static readonly IReadOnlyList<LedgerInvoice> HandWorkedLedger =
    [
        new(new(2026, 2, 1), new(2026, 3, 3), 1000m, [new(new(2026, 3, 10), 1000m, true)], new(2026, 3, 10)),
        new(new(2026, 2, 15), new(2026, 3, 17), 2000m, [new(new(2026, 3, 20), 500m, true)], null),
        new(new(2026, 3, 5), new(2026, 4, 4), 3000m, [], null),
        new(new(2026, 3, 20), new(2026, 4, 19), 1000m, [new(new(2026, 3, 28), 1000m, true)], new(2026, 3, 28)),
        new(new(2026, 1, 10), new(2026, 2, 9), 600m, [new(new(2026, 3, 5), 100m, false)], null),
    ];

    /// <summary>Invoices over three years: paid early, on time, late, partly, credited, written off or still open; reductions never exceed the amount.</summary>
    private static List<LedgerInvoice> RandomLedger(Random random, DateOnly today, int count)
    {
        var ledger = new List<LedgerInvoice>(count);
        for (var n = 0; n < count; n++)
        {
            var issue = today.AddDays(-random.Next(0, 1100));
            var due = issue.AddDays(random.Next(0, 4) switch { 0 => 0, 1 => 14, 2 => 30, _ => 60 });
            var amount = random.Next(1, 500_000) / 100m;
            var reductions = new List<Reduction>();
            var left = amount;
            var day = issue;
            DateOnly? settled = null;
            for (var step = 0; step < 3 && left > 0m; step++)
            {
                day = day.AddDays(random.Next(0, 90));
                if (day > today)
                {
                    break;
                }

                var part = random.Next(3) == 0 ? Math.Round(left * random.Next(10, 90) / 100m, 2) : left;
                reductions.Add(new Reduction(day, part, random.Next(5) != 0));
                left -= part;
                if (left == 0m)
                {
                    settled = day;
                }
            }

            ledger.Add(new LedgerInvoice(issue, due, amount, reductions, settled));
        }

        return ledger;
    }
}
