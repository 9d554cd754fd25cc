using ArCollect.Domain.Kpis;

namespace ArCollect.Domain.Tests.Kpis;

public sealed class KpiFormulasTests
{
    [Fact]
    public void Countback_stops_inside_the_first_month_when_receivables_are_smaller_than_its_sales()
    {
        // 1500 of 3000 sales in a 30-day month -> 15 days
        Assert.Equal(15m, KpiFormulas.CountbackDso(1500m, [(3000m, 30), (5000m, 31)]));
    }

    [Fact]
    public void Countback_skips_a_month_without_sales_and_counts_its_days()
    {
        // month 1: no sales, all 31 days; month 2: 1000 of 2000 in 30 days -> 15; total 46
        Assert.Equal(46m, KpiFormulas.CountbackDso(1000m, [(0m, 31), (2000m, 30)]));
    }

    [Fact]
    public void CEI_is_100_when_everything_overdue_was_collected()
    {
        // opening 1000 + sales 500 - closing 200 (all current) = 1300 of 1300
        Assert.Equal(100m, KpiFormulas.CollectionEffectivenessIndex(1000m, 500m, 200m, 200m));
    }

    [Fact]
    public void Formulas_without_a_denominator_have_no_value()
    {
        Assert.Null(KpiFormulas.StandardDso(100m, 0m, 30));
        Assert.Null(KpiFormulas.PercentCurrent(0m, 0m));
        Assert.Null(KpiFormulas.CollectionRate(0m, 0m, 0m));
        Assert.Null(KpiFormulas.AverageDaysToPay([]));
        Assert.Null(KpiFormulas.CountbackDso(100m, []));
    }
}
