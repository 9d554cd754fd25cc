namespace ArCollect.Domain.Forecasting;

/// <summary>The ways a week's receipts are forecast in the track record: the product's forecast and two baselines.</summary>
public enum ForecastMethod
{
    /// <summary>The forecast as the page makes it: the predicted day, weighted by the probability of collection.</summary>
    Forecast,

    /// <summary>Every open invoice paid in full on its due date (overdue ones in the first week).</summary>
    DueDate,

    /// <summary>Every open invoice paid in full on its due date plus its customer's mean days late.</summary>
    MeanDelay,
}

/// <summary>
/// One forecast week of one origin: what a method forecast for it (with its 10-90 band when it has one) and the
/// receipts that actually arrived on the invoices open at the origin.
/// </summary>
public sealed record BacktestWeek(DateOnly Origin, int Horizon, DateOnly WeekStart, decimal Forecast, decimal? Low, decimal? High, decimal Actual);

/// <summary>
/// A method's accuracy over backtest weeks: weekly MAPE (mean absolute error as a share of the actual, over weeks
/// with receipts), bias (total forecast minus total actual, as a share of the actual: positive means too optimistic)
/// and, for a method with a band, the share of weeks whose actual fell inside it (an 80% band should hold about 80%).
/// </summary>
public sealed record AccuracySummary(ForecastMethod Method, string Horizons, int Weeks, decimal? MapePercent, decimal? BiasPercent, decimal? CoveragePercent);

/// <summary>Backtest arithmetic: the baselines built from the forecast's own receipts, and the accuracy summaries.</summary>
public static class ForecastAccuracy
{
    /// <summary>Horizon groups reported besides the whole 13 weeks: the next week, the rest of the month, the quarter.</summary>
    public static IReadOnlyList<(string Label, int From, int To)> HorizonGroups { get; } =
    [
        ("Weeks 1-13", 1, CashForecast.Weeks),
        ("Week 1", 1, 1),
        ("Weeks 2-4", 2, 4),
        ("Weeks 5-13", 5, CashForecast.Weeks),
    ];

    /// <summary>
    /// The receipts a baseline expects. Both assume every open invoice is paid in full; the due-date baseline on
    /// the due date, the mean-delay one on the due date + the customer's mean delay (today for an invoice already later).
    /// </summary>
    public static IReadOnlyList<ExpectedReceipt> Baseline(IEnumerable<ExpectedReceipt> receipts, ForecastMethod method) => method switch
    {
        ForecastMethod.DueDate => receipts.Select(r => r with { PredictedDate = r.DueDate, Probability = 1m, EverProbability = 1m }).ToList(),
        ForecastMethod.MeanDelay => receipts.Select(r => r with { PredictedDate = r.MeanDelayDate ?? r.PredictedDate, Probability = 1m, EverProbability = 1m }).ToList(),
        _ => receipts.ToList(),
    };

    /// <summary>Summaries of one method over the weeks whose horizon lies in each group, in <see cref="HorizonGroups"/> order.</summary>
    public static IReadOnlyList<AccuracySummary> Summarise(ForecastMethod method, IReadOnlyCollection<BacktestWeek> weeks, bool hasBand) =>
        HorizonGroups.Select(g => Summarise(method, g.Label, weeks.Where(w => w.Horizon >= g.From && w.Horizon <= g.To).ToList(), hasBand)).ToList();

    public static AccuracySummary Summarise(ForecastMethod method, string horizons, IReadOnlyCollection<BacktestWeek> weeks, bool hasBand)
    {
        var withReceipts = weeks.Where(w => w.Actual > 0m).ToList();
        decimal? mape = withReceipts.Count > 0 ? withReceipts.Average(w => Math.Abs(w.Forecast - w.Actual) / w.Actual) * 100m : null;
        var actual = weeks.Sum(w => w.Actual);
        decimal? bias = actual > 0m ? (weeks.Sum(w => w.Forecast) - actual) / actual * 100m : null;
        var banded = weeks.Where(w => w.Low is not null && w.High is not null).ToList();
        decimal? coverage = hasBand && banded.Count > 0
            ? banded.Count(w => w.Actual >= w.Low!.Value && w.Actual <= w.High!.Value) * 100m / banded.Count
            : null;
        return new AccuracySummary(method, horizons, weeks.Count, Round(mape), Round(bias), Round(coverage));
    }

    /// <summary>
    /// The weeks of one origin's forecast that have finished by <paramref name="today"/>, paired with the receipts
    /// that arrived in them. <paramref name="actualByWeek"/> holds the receipts per week start.
    /// </summary>
    public static IEnumerable<BacktestWeek> FinishedWeeks(
        DateOnly origin, IReadOnlyList<ForecastWeek> forecast, IReadOnlyDictionary<DateOnly, decimal> actualByWeek, DateOnly today, bool withBand) =>
        forecast.Select((week, index) => (week, horizon: index + 1))
            .Where(x => x.week.WeekEnd < today)
            .Select(x => new BacktestWeek(
                origin, x.horizon, x.week.WeekStart, x.week.Expected, withBand ? x.week.Low : null, withBand ? x.week.High : null,
                actualByWeek.GetValueOrDefault(x.week.WeekStart)));

    /// <summary>
    /// The spread of past errors per week ahead: for horizon h (1 = the first week), the 10th/90th percentile of
    /// actual / forecast over the last <paramref name="perHorizon"/> finished weeks forecast h weeks ahead; null for
    /// a horizon with too few.
    /// </summary>
    public static IReadOnlyList<ForecastErrors?> ErrorsByHorizon(IEnumerable<BacktestWeek> weeks, int perHorizon, int horizons = CashForecast.Weeks)
    {
        var byHorizon = weeks.ToLookup(w => w.Horizon);
        return Enumerable.Range(1, horizons)
            .Select(h => ForecastErrors.From(byHorizon[h].OrderBy(w => w.WeekStart).TakeLast(perHorizon).Select(w => (w.Forecast, w.Actual))))
            .ToList();
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}
