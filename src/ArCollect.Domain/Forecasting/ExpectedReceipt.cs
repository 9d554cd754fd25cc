namespace ArCollect.Domain.Forecasting;

/// <summary>
/// One open invoice as the forecast sees it: its open amount in the tenant's base currency, the day it is predicted
/// to be paid, the probability that it is paid within the forecast horizon and (when known) that it is ever paid.
/// </summary>
public sealed record ExpectedReceipt(
    Guid InvoiceId, Guid CustomerId, decimal Amount, DateOnly DueDate, DateOnly PredictedDate, decimal Probability, decimal? EverProbability = null)
{
    public decimal Expected => Amount * Probability;

    /// <summary>Due date + the customer's mean delay (never before the forecast day): the simple baseline's day.</summary>
    public DateOnly? MeanDelayDate { get; init; }

    /// <summary>Probability of being paid at all: never below the probability within the horizon.</summary>
    public decimal Ever => Math.Max(EverProbability ?? Probability, Probability);
}

/// <summary>Where today's open receivables are expected to go: inside the horizon, later, or never.</summary>
public sealed record ForecastOutlook(decimal Open, decimal InHorizon, decimal Later, decimal Never)
{
    public decimal? InHorizonShare => Share(InHorizon);
    public decimal? LaterShare => Share(Later);
    public decimal? NeverShare => Share(Never);

    private decimal? Share(decimal amount) => Open > 0m ? amount / Open * 100m : null;
}

/// <summary>
/// The spread of past weekly forecast errors: the 10th and 90th percentiles of actual / forecast over finished
/// weeks. With at least <see cref="MinWeeks"/> weeks it widens the band to what past forecasts really missed by.
/// </summary>
public sealed record ForecastErrors(decimal LowRatio, decimal HighRatio, int Weeks)
{
    public const int MinWeeks = 4;

    public static ForecastErrors? From(IEnumerable<(decimal Forecast, decimal Actual)> weeks)
    {
        var ratios = weeks.Where(w => w.Forecast > 0m).Select(w => w.Actual / w.Forecast).Order().ToList();
        return ratios.Count < MinWeeks ? null : new ForecastErrors(Quantile(ratios, 0.1m), Quantile(ratios, 0.9m), ratios.Count);
    }

    /// <summary>Linear interpolation between the closest ranks of a sorted list.</summary>
    private static decimal Quantile(List<decimal> sorted, decimal q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}

/// <summary>One forecast week (Monday to Sunday) with its expected receipts, an 80% band and the running total.</summary>
public sealed record ForecastWeek(DateOnly WeekStart, decimal Expected, decimal Low, decimal High, decimal Cumulative)
{
    public DateOnly WeekEnd => WeekStart.AddDays(6);
}
