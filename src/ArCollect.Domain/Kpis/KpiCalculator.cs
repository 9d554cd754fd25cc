namespace ArCollect.Domain.Kpis;

/// <summary>All KPIs of one period; null where a formula has no value (e.g. no sales in the period).</summary>
public sealed record KpiSnapshot(
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    decimal OpeningAr,
    decimal ClosingAr,
    decimal ClosingCurrentAr,
    decimal CreditSales,
    decimal Collected,
    decimal? Dso,
    decimal? CountbackDso,
    decimal? BestPossibleDso,
    decimal? AverageDaysDelinquent,
    decimal? Cei,
    decimal? PercentCurrent,
    decimal? CollectionRate,
    decimal? CollectionRateVsTarget,
    decimal? AverageDaysToPay)
{
    /// <summary>
    /// The running period, cut at today: its flows cover only the days so far, so it is shown as partial and its
    /// collection rate is not compared with the full-period target.
    /// </summary>
    public bool Partial { get; init; }
}

/// <summary>Computes the KPI snapshot of a period from ledger facts, using the formulas in <see cref="KpiFormulas"/>.</summary>
public static class KpiCalculator
{
    /// <summary>How far back countback DSO may walk.</summary>
    public const int CountbackMonths = 24;

    public static KpiSnapshot Compute(IReadOnlyList<LedgerInvoice> ledger, DateOnly periodStart, DateOnly periodEnd, decimal? collectionTarget)
    {
        if (periodEnd < periodStart)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodEnd));
        }

        var days = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var openingDay = periodStart.AddDays(-1);
        decimal opening = 0m, closing = 0m, closingCurrent = 0m, sales = 0m, collected = 0m;
        var settled = new List<(DateOnly, DateOnly)>();
        foreach (var invoice in ledger)
        {
            opening += invoice.OpenOn(openingDay);
            var open = invoice.OpenOn(periodEnd);
            closing += open;
            if (invoice.DueDate >= periodEnd)
            {
                closingCurrent += open;
            }

            if (invoice.IssueDate >= periodStart && invoice.IssueDate <= periodEnd)
            {
                sales += invoice.Amount;
            }

            collected += invoice.CashBetween(periodStart, periodEnd);
            if (invoice.SettledOn is { } s && s >= periodStart && s <= periodEnd)
            {
                settled.Add((invoice.IssueDate, s));
            }
        }

        return Snapshot(periodStart, periodEnd, days, (opening, closing, closingCurrent, sales, collected),
            MonthlySales(ledger, periodEnd), KpiFormulas.AverageDaysToPay(settled), collectionTarget);
    }

    /// <summary>
    /// The same snapshot from daily facts: balances and flows are sums over days, so a page reads a few thousand
    /// fact rows instead of every invoice. Gives the figures of the per-invoice overload on the same ledger.
    /// </summary>
    public static KpiSnapshot Compute(DailyLedger ledger, DateOnly periodStart, DateOnly periodEnd, decimal? collectionTarget)
    {
        if (periodEnd < periodStart)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodEnd));
        }

        var days = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var opening = ledger.Balance(periodStart.AddDays(-1));
        var closing = ledger.Balance(periodEnd);
        var closingCurrent = ledger.CurrentBalance(periodEnd);
        var (sales, collected, settledCount, settledDays) = ledger.Flows(periodStart, periodEnd);
        return Snapshot(periodStart, periodEnd, days, (opening, closing, closingCurrent, sales, collected),
            MonthlySales(ledger, periodEnd), KpiFormulas.AverageDaysToPay(settledDays, settledCount), collectionTarget);
    }

    /// <summary>Both ledgers end here: the period's balances and flows through the formulas, in one place.</summary>
    private static KpiSnapshot Snapshot(
        DateOnly periodStart,
        DateOnly periodEnd,
        int days,
        (decimal Opening, decimal Closing, decimal ClosingCurrent, decimal Sales, decimal Collected) p,
        IReadOnlyList<(decimal Sales, int Days)> monthlySales,
        decimal? averageDaysToPay,
        decimal? collectionTarget)
    {
        var dso = KpiFormulas.StandardDso(p.Closing, p.Sales, days);
        var best = KpiFormulas.BestPossibleDso(p.ClosingCurrent, p.Sales, days);
        var rate = KpiFormulas.CollectionRate(p.Collected, p.Opening, p.Sales);
        return new KpiSnapshot(
            periodStart, periodEnd, p.Opening, p.Closing, p.ClosingCurrent, p.Sales, p.Collected,
            dso,
            KpiFormulas.CountbackDso(p.Closing, monthlySales),
            best,
            KpiFormulas.AverageDaysDelinquent(dso, best),
            KpiFormulas.CollectionEffectivenessIndex(p.Opening, p.Sales, p.Closing, p.ClosingCurrent),
            KpiFormulas.PercentCurrent(p.ClosingCurrent, p.Closing),
            rate,
            KpiFormulas.AgainstTarget(rate, collectionTarget),
            averageDaysToPay);
    }

    /// <summary>Credit sales of the months ending at <paramref name="end"/> from daily facts, as <see cref="MonthlySales(IReadOnlyList{LedgerInvoice}, DateOnly)"/>.</summary>
    public static IReadOnlyList<(decimal Sales, int Days)> MonthlySales(DailyLedger ledger, DateOnly end)
    {
        var bounds = CountbackBounds(end);
        return Enumerable.Range(0, CountbackMonths)
            .Select(k => (ledger.SalesBetween(bounds[k + 1], bounds[k]), bounds[k].DayNumber - bounds[k + 1].DayNumber))
            .ToList();
    }

    /// <summary>The first day whose credit sales countback DSO may read for a period ending on or after <paramref name="firstPeriodEnd"/> is after this one.</summary>
    public static DateOnly CountbackHorizon(DateOnly firstPeriodEnd) => firstPeriodEnd.AddMonths(-CountbackMonths);

    private static DateOnly[] CountbackBounds(DateOnly end) => Enumerable.Range(0, CountbackMonths + 1).Select(k => end.AddMonths(-k)).ToArray();

    /// <summary>Credit sales of the months ending at <paramref name="end"/>, newest first; month k is (end - k - 1 months, end - k months].</summary>
    public static IReadOnlyList<(decimal Sales, int Days)> MonthlySales(IReadOnlyList<LedgerInvoice> ledger, DateOnly end)
    {
        var bounds = CountbackBounds(end);
        var sales = new decimal[CountbackMonths];
        foreach (var invoice in ledger)
        {
            for (var k = 0; k < CountbackMonths; k++)
            {
                if (invoice.IssueDate <= bounds[k] && invoice.IssueDate > bounds[k + 1])
                {
                    sales[k] += invoice.Amount;
                    break;
                }
            }
        }

        var months = Enumerable.Range(0, CountbackMonths).Select(k => (sales[k], bounds[k].DayNumber - bounds[k + 1].DayNumber)).ToList();
        return months;
    }

    /// <summary>
    /// The trend of <see cref="Periods"/> from daily facts; the running period is marked <see cref="KpiSnapshot.Partial"/>
    /// and left without a gap to the target (a month's target judged on half a month is no verdict).
    /// </summary>
    public static IReadOnlyList<KpiSnapshot> Trend(DailyLedger ledger, DateOnly today, bool monthly, int count, decimal? collectionTarget) =>
        Periods(today, monthly, count).Select(p =>
        {
            var partial = p.End < (monthly ? p.Start.AddMonths(1).AddDays(-1) : p.Start.AddDays(6));
            return Compute(ledger, p.Start, p.End, partial ? null : collectionTarget) with { Partial = partial };
        }).ToList();

    /// <summary>Period boundaries for a trend: the last <paramref name="count"/> weeks (Monday-Sunday) or calendar months up to and including <paramref name="today"/>'s, the running one cut at today.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Periods(DateOnly today, bool monthly, int count)
    {
        var periods = new List<(DateOnly, DateOnly)>(count);
        if (monthly)
        {
            var first = new DateOnly(today.Year, today.Month, 1);
            for (var k = count - 1; k >= 0; k--)
            {
                var start = first.AddMonths(-k);
                periods.Add((start, Min(start.AddMonths(1).AddDays(-1), today)));
            }
        }
        else
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            for (var k = count - 1; k >= 0; k--)
            {
                var start = monday.AddDays(-7 * k);
                periods.Add((start, Min(start.AddDays(6), today)));
            }
        }

        return periods;
    }

    // The running period ends today: the future has no ledger yet.
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
