using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// Uses the payment-delay model's predicted pay date for every scored open invoice, and the history-based
/// prediction for the rest. Scores describe today, so a forecast as of another day uses history only.
/// The probability of being paid at all (rather than written off) still comes from the customer's history:
/// the model predicts lateness, not loss. A predicted day that has passed (the invoice is later than the model
/// expected) keeps the history's day, which spreads such invoices by the collection curve instead of all on today.
/// </summary>
public sealed class ScoredReceiptPredictor(HistoryReceiptPredictor history, ArCollectDbContext db, TimeProvider time) : IReceiptPredictor
{
    public async Task<Prediction> PredictAsync(DateOnly asOf, CurrencyConverter converter, CancellationToken cancellationToken)
    {
        var baseline = await history.PredictAsync(asOf, converter, cancellationToken);
        if (asOf != DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) || baseline.Receipts.Count == 0)
        {
            return baseline;
        }

        var scored = await db.InvoiceScores.AsNoTracking()
            .Select(s => new { s.InvoiceId, s.PredictedPayDate })
            .ToDictionaryAsync(s => s.InvoiceId, s => s.PredictedPayDate, cancellationToken);
        if (scored.Count == 0)
        {
            return baseline;
        }

        var receipts = baseline.Receipts
            .Select(r => scored.TryGetValue(r.InvoiceId, out var date) && date >= asOf ? r with { PredictedDate = date } : r)
            .ToList();
        return baseline with { Receipts = receipts };
    }
}
