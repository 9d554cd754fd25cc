namespace ArCollect.Domain.Forecasting;

/// <summary>
/// One open invoice as the forecast sees it: its open amount in the tenant's base currency, the day it is predicted
/// to be paid and the probability that it is paid at all.
/// </summary>
public sealed record ExpectedReceipt(Guid InvoiceId, Guid CustomerId, decimal Amount, DateOnly DueDate, DateOnly PredictedDate, decimal Probability)
{
    public decimal Expected => Amount * Probability;
}

/// <summary>One forecast week (Monday to Sunday) with its expected receipts, an 80% band and the running total.</summary>
public sealed record ForecastWeek(DateOnly WeekStart, decimal Expected, decimal Low, decimal High, decimal Cumulative)
{
    public DateOnly WeekEnd => WeekStart.AddDays(6);
}
