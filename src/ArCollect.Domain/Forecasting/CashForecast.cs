namespace ArCollect.Domain.Forecasting;

/// <summary>
/// Expected receipts per week. Each invoice pays its amount with its probability, independently, so a week's
/// expectation is the sum of amount x probability and its variance the sum of amount^2 x p x (1 - p); the band is
/// the expectation -/+ 1.2816 standard deviations (the 10th and 90th percentiles of a normal approximation),
/// widened to the 10th/90th percentile of past weekly errors when enough finished weeks exist.
/// </summary>
public static class CashForecast
{
    public const int Weeks = 13;
    public const decimal BandZ = 1.2816m;

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The last day inside the forecast horizon that starts with <paramref name="asOf"/>'s week.</summary>
    public static DateOnly HorizonEnd(DateOnly asOf, int weeks = Weeks) => WeekStart(asOf).AddDays((7 * weeks) - 1);

    /// <summary>
    /// Weekly forecast from <paramref name="asOf"/>'s week. A receipt whose predicted day has already passed is
    /// expected in the current week (it is late, not lost; its probability already carries the risk). Receipts
    /// predicted after the horizon are left out.
    /// </summary>
    /// <param name="errorsByWeek">
    /// Past errors per week ahead (index 0 = the first week), from the forecast's track record; a week without its
    /// own falls back to <paramref name="errors"/>.
    /// </param>
    public static IReadOnlyList<ForecastWeek> Weekly(
        IEnumerable<ExpectedReceipt> receipts, DateOnly asOf, int weeks = Weeks, ForecastErrors? errors = null, IReadOnlyList<ForecastErrors?>? errorsByWeek = null)
    {
        var first = WeekStart(asOf);
        var expected = new decimal[weeks];
        var variance = new decimal[weeks];
        foreach (var r in receipts)
        {
            var week = WeekIndex(r.PredictedDate, asOf);
            if (week >= weeks || r.Amount <= 0m)
            {
                continue;
            }

            expected[week] += r.Expected;
            variance[week] += r.Amount * r.Amount * r.Probability * (1m - r.Probability);
        }

        var result = new List<ForecastWeek>(weeks);
        var cumulative = 0m;
        for (var w = 0; w < weeks; w++)
        {
            var spread = BandZ * (decimal)Math.Sqrt((double)variance[w]);
            cumulative += expected[w];
            var low = Math.Max(0m, expected[w] - spread);
            var high = expected[w] + spread;
            var past = errorsByWeek is not null && w < errorsByWeek.Count && errorsByWeek[w] is { } own ? own : errors;
            if (past is not null)
            {
                low = Math.Min(low, expected[w] * past.LowRatio);
                high = Math.Max(high, expected[w] * past.HighRatio);
            }

            result.Add(new ForecastWeek(first.AddDays(7 * w), expected[w], low, high, cumulative));
        }

        return result;
    }

    /// <summary>
    /// How much of the open receivables is expected inside the horizon (the weeks' total), after it, or never:
    /// later = expected ever - expected inside; never = open - expected ever.
    /// </summary>
    public static ForecastOutlook Outlook(IEnumerable<ExpectedReceipt> receipts, DateOnly asOf, int weeks = Weeks)
    {
        decimal open = 0m, inside = 0m, ever = 0m;
        foreach (var r in receipts.Where(r => r.Amount > 0m))
        {
            open += r.Amount;
            ever += r.Amount * r.Ever;
            if (WeekIndex(r.PredictedDate, asOf) < weeks)
            {
                inside += r.Expected;
            }
        }

        return new ForecastOutlook(open, inside, Math.Max(0m, ever - inside), open - Math.Max(ever, inside));
    }

    /// <summary>The forecast week a receipt falls in (0 = the week of <paramref name="asOf"/>).</summary>
    public static int WeekIndex(DateOnly predicted, DateOnly asOf)
    {
        var first = WeekStart(asOf);
        return predicted < first ? 0 : (predicted.DayNumber - first.DayNumber) / 7;
    }

    /// <summary>Actual minus forecast as a share of the forecast, in percent; null without a forecast.</summary>
    public static decimal? VariancePercent(decimal forecast, decimal actual) =>
        forecast > 0m ? (actual - forecast) / forecast * 100m : null;

    /// <summary>True when a week's actual receipts fell short of forecast by more than the threshold (in percent).</summary>
    public static bool IsShortfall(decimal forecast, decimal actual, decimal thresholdPercent) =>
        VariancePercent(forecast, actual) is { } v && v < -thresholdPercent;
}
