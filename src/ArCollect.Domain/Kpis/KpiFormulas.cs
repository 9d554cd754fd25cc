namespace ArCollect.Domain.Kpis;

/// <summary>
/// The KPI formulas of the glossary, each over plain numbers. A formula whose denominator is zero has no value
/// (null) rather than a misleading zero or infinity.
/// </summary>
public static class KpiFormulas
{
    /// <summary>Standard DSO: receivables / credit sales x days in the period.</summary>
    public static decimal? StandardDso(decimal closingAr, decimal creditSales, int daysInPeriod) =>
        creditSales > 0m ? closingAr / creditSales * daysInPeriod : null;

    /// <summary>Best possible DSO: only current (not yet due) receivables / credit sales x days.</summary>
    public static decimal? BestPossibleDso(decimal closingCurrentAr, decimal creditSales, int daysInPeriod) =>
        creditSales > 0m ? closingCurrentAr / creditSales * daysInPeriod : null;

    /// <summary>
    /// Countback DSO: walks back month by month (newest first), consuming each month's credit sales from the
    /// receivables; a month only partly needed counts its share of days.
    /// </summary>
    public static decimal? CountbackDso(decimal closingAr, IReadOnlyList<(decimal Sales, int Days)> monthsNewestFirst)
    {
        if (monthsNewestFirst.Count == 0 || monthsNewestFirst.All(m => m.Sales <= 0m))
        {
            return null;
        }

        var remaining = closingAr;
        var days = 0m;
        foreach (var (sales, monthDays) in monthsNewestFirst)
        {
            if (remaining <= 0m)
            {
                break;
            }

            if (sales <= 0m || remaining >= sales)
            {
                remaining -= Math.Max(sales, 0m);
                days += monthDays;
            }
            else
            {
                days += remaining / sales * monthDays;
                remaining = 0m;
            }
        }

        return days;
    }

    /// <summary>ADD: DSO - best possible DSO, the days lost to late payment.</summary>
    public static decimal? AverageDaysDelinquent(decimal? dso, decimal? bestPossibleDso) =>
        dso is { } d && bestPossibleDso is { } b ? d - b : null;

    /// <summary>CEI: (opening AR + credit sales - closing AR) / (opening AR + credit sales - closing current AR) x 100.</summary>
    public static decimal? CollectionEffectivenessIndex(decimal openingAr, decimal creditSales, decimal closingAr, decimal closingCurrentAr)
    {
        var collectable = openingAr + creditSales - closingCurrentAr;
        return collectable > 0m ? (openingAr + creditSales - closingAr) / collectable * 100m : null;
    }

    /// <summary>Share of receivables that is not yet due, in percent.</summary>
    public static decimal? PercentCurrent(decimal closingCurrentAr, decimal closingAr) =>
        closingAr > 0m ? closingCurrentAr / closingAr * 100m : null;

    /// <summary>Cash collected in the period / (opening AR + credit sales), in percent: how much of what could be collected was.</summary>
    public static decimal? CollectionRate(decimal collected, decimal openingAr, decimal creditSales) =>
        openingAr + creditSales > 0m ? collected / (openingAr + creditSales) * 100m : null;

    /// <summary>Collection rate minus the tenant's target, in percentage points (negative = below target).</summary>
    public static decimal? AgainstTarget(decimal? rate, decimal? target) => rate is { } r && target is { } t ? r - t : null;

    /// <summary>Mean days from issue to settlement of the invoices settled in the period.</summary>
    public static decimal? AverageDaysToPay(IEnumerable<(DateOnly Issued, DateOnly Settled)> settled)
    {
        var days = settled.Select(s => (long)(s.Settled.DayNumber - s.Issued.DayNumber)).ToList();
        return AverageDaysToPay(days.Sum(), days.Count);
    }

    /// <summary>Mean days to pay from the count of invoices settled in the period and their days from issue to settlement added up.</summary>
    public static decimal? AverageDaysToPay(long totalDays, int count) => count > 0 ? (decimal)totalDays / count : null;
}
