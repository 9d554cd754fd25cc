namespace ArCollect.Domain.Forecasting;

/// <summary>An invoice that reached a zero balance: paid (possibly late) or written off.</summary>
public sealed record SettledInvoice(DateOnly DueDate, DateOnly SettledOn, bool WrittenOff);

/// <summary>
/// How a customer pays, learned from its settled invoices: the mean days between due date and payment, and the
/// share of invoices paid rather than written off. This is the forecast's fallback before a prediction model exists.
/// </summary>
public sealed record PaymentProfile(decimal MeanDaysLate, decimal PaymentProbability, int SampleSize)
{
    /// <summary>Used for a tenant with no history at all: pays on the due date, nearly always.</summary>
    public static PaymentProfile NoHistory { get; } = new(0m, 0.95m, 0);

    /// <summary>
    /// The profile from history. The probability is smoothed towards <paramref name="prior"/> as if two prior
    /// invoices had been seen, so one written-off invoice does not make a new customer hopeless.
    /// </summary>
    public static PaymentProfile From(IEnumerable<SettledInvoice> history, PaymentProfile prior)
    {
        var list = history.ToList();
        var paid = list.Where(h => !h.WrittenOff).ToList();
        decimal? mean = paid.Count > 0 ? (decimal)paid.Average(h => h.SettledOn.DayNumber - h.DueDate.DayNumber) : null;
        return FromCounts(paid.Count, list.Count - paid.Count, mean, prior);
    }

    /// <summary>The same profile from counts aggregated by the database.</summary>
    public static PaymentProfile FromCounts(int paid, int writtenOff, decimal? meanDaysLate, PaymentProfile prior)
    {
        var probability = (paid + (2m * prior.PaymentProbability)) / (paid + writtenOff + 2m);
        return new PaymentProfile(paid > 0 && meanDaysLate is { } m ? m : prior.MeanDaysLate, probability, paid + writtenOff);
    }

    /// <summary>The predicted payment day of an open invoice: due date plus the mean delay, never before today.</summary>
    public DateOnly PredictDate(DateOnly dueDate, DateOnly today)
    {
        var predicted = dueDate.AddDays((int)Math.Round(MeanDaysLate, MidpointRounding.AwayFromZero));
        return predicted < today ? today : predicted;
    }
}
