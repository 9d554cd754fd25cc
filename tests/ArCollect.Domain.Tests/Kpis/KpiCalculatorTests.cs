using ArCollect.Domain.Kpis;

namespace ArCollect.Domain.Tests.Kpis;

/// <summary>
/// March 2026 (31 days) on a five-invoice ledger, every figure worked on paper:
///   A issued 1 Feb, due 3 Mar, 1000; paid 1000 on 10 Mar.
///   B issued 15 Feb, due 17 Mar, 2000; paid 500 on 20 Mar (1500 open, 14 days late at 31 Mar).
///   C issued 5 Mar, due 4 Apr, 3000; unpaid (current at 31 Mar).
///   D issued 20 Mar, due 19 Apr, 1000; paid 1000 on 28 Mar.
///   E issued 10 Jan, due 9 Feb, 600; credit note 100 on 5 Mar (500 open, 50 days late).
/// Opening AR (28 Feb) = A 1000 + B 2000 + E 600 = 3600. Credit sales in March = C 3000 + D 1000 = 4000.
/// Closing AR (31 Mar) = B 1500 + C 3000 + E 500 = 5000; of it current = C 3000.
/// Check: 3600 + 4000 - cash 2500 - credit 100 = 5000.
/// </summary>
public sealed class KpiCalculatorTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);
    private static readonly DateOnly End = new(2026, 3, 31);

    private static readonly IReadOnlyList<LedgerInvoice> Ledger =
    [
        new(new(2026, 2, 1), new(2026, 3, 3), 1000m, [new(new(2026, 3, 10), 1000m, true)], new(2026, 3, 10)),
        new(new(2026, 2, 15), new(2026, 3, 17), 2000m, [new(new(2026, 3, 20), 500m, true)], null),
        new(new(2026, 3, 5), new(2026, 4, 4), 3000m, [], null),
        new(new(2026, 3, 20), new(2026, 4, 19), 1000m, [new(new(2026, 3, 28), 1000m, true)], new(2026, 3, 28)),
        new(new(2026, 1, 10), new(2026, 2, 9), 600m, [new(new(2026, 3, 5), 100m, false)], null),
    ];

    private readonly KpiSnapshot kpis = KpiCalculator.Compute(Ledger, Start, End, collectionTarget: 40m);

    [Fact]
    public void Balances_and_sales_of_the_period_come_from_the_dated_ledger()
    {
        Assert.Equal(3600m, kpis.OpeningAr);
        Assert.Equal(5000m, kpis.ClosingAr);
        Assert.Equal(3000m, kpis.ClosingCurrentAr);
        Assert.Equal(4000m, kpis.CreditSales);
        Assert.Equal(2500m, kpis.Collected); // A 1000 + B 500 + D 1000; E's credit note is not cash
    }

    [Fact]
    public void Standard_DSO_is_receivables_over_sales_times_days()
    {
        // 5000 / 4000 x 31 = 38.75
        Assert.Equal(38.75m, kpis.Dso);
    }

    [Fact]
    public void Best_possible_DSO_uses_current_receivables_and_ADD_is_the_difference()
    {
        // best = 3000 / 4000 x 31 = 23.25; ADD = 38.75 - 23.25 = 15.5
        Assert.Equal(23.25m, kpis.BestPossibleDso);
        Assert.Equal(15.5m, kpis.AverageDaysDelinquent);
    }

    [Fact]
    public void Countback_DSO_consumes_March_then_part_of_February()
    {
        // 5000 - March sales 4000 = 1000 left -> 31 days; February sales A+B = 3000 -> 1000/3000 x 28 = 9.333...
        Assert.Equal(40.33m, Math.Round(kpis.CountbackDso!.Value, 2));
    }

    [Fact]
    public void CEI_compares_what_was_collected_with_what_could_have_been()
    {
        // (3600 + 4000 - 5000) / (3600 + 4000 - 3000) x 100 = 2600 / 4600 x 100 = 56.52
        Assert.Equal(56.52m, Math.Round(kpis.Cei!.Value, 2));
    }

    [Fact]
    public void Percent_current_and_collection_rate_against_target()
    {
        // 3000 / 5000 = 60 %; 2500 / (3600 + 4000) = 32.89 %, 7.11 points under the 40 % target
        Assert.Equal(60m, kpis.PercentCurrent);
        Assert.Equal(32.89m, Math.Round(kpis.CollectionRate!.Value, 2));
        Assert.Equal(-7.11m, Math.Round(kpis.CollectionRateVsTarget!.Value, 2));
    }

    [Fact]
    public void Average_days_to_pay_counts_invoices_settled_in_the_period()
    {
        // A: 1 Feb -> 10 Mar = 37 days; D: 20 Mar -> 28 Mar = 8 days; mean 22.5
        Assert.Equal(22.5m, kpis.AverageDaysToPay);
    }

    [Fact]
    public void A_period_without_sales_has_no_DSO_rather_than_zero()
    {
        var empty = KpiCalculator.Compute(Ledger, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), null);

        Assert.Null(empty.Dso);
        Assert.Null(empty.AverageDaysDelinquent);
        Assert.Null(empty.CollectionRateVsTarget);
        Assert.Equal(5000m, empty.ClosingAr);
    }

    [Fact]
    public void Monthly_trend_periods_are_calendar_months_ending_today()
    {
        var periods = KpiCalculator.Periods(new DateOnly(2026, 6, 15), monthly: true, count: 3);

        Assert.Equal(
            [(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)), (new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)), (new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 15))],
            periods);
    }

    [Fact]
    public void Weekly_trend_periods_run_Monday_to_Sunday()
    {
        // 15 June 2026 is a Monday
        var periods = KpiCalculator.Periods(new DateOnly(2026, 6, 17), monthly: false, count: 2);

        Assert.Equal([(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14)), (new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 17))], periods);
    }
}
