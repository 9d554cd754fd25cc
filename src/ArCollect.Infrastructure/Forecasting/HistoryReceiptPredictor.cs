using ArCollect.Domain.Common;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// Predicts from each customer's own history before a model exists: due date plus the customer's mean days late
/// over invoices settled in the last two years, and the share of them paid rather than written off. Customers
/// without history take the tenant's figures (<see cref="PaymentProfile.FromCounts"/>).
/// </summary>
public sealed class HistoryReceiptPredictor(ArCollectDbContext db) : IReceiptPredictor
{
    private sealed record HistoryRow(Guid? CustomerId, int Paid, int WrittenOff, decimal? MeanDaysLate);

    public async Task<Prediction> PredictAsync(DateOnly asOf, CurrencyConverter converter, CancellationToken cancellationToken)
    {
        var since = asOf.AddYears(-2);
        var history = await db.Database.SqlQuery<HistoryRow>($"""
            SELECT customer_id AS customer_id,
                   (count(*) FILTER (WHERE amount_written_off = 0))::int AS paid,
                   (count(*) FILTER (WHERE amount_written_off > 0))::int AS written_off,
                   (avg(settled_on - due_date) FILTER (WHERE amount_written_off = 0))::numeric(12,4) AS mean_days_late
            FROM invoices
            WHERE settled_on IS NOT NULL AND settled_on >= {since} AND settled_on <= {asOf}
            GROUP BY ROLLUP (customer_id)
            """).ToListAsync(cancellationToken);
        var tenantRow = history.SingleOrDefault(h => h.CustomerId is null);
        var prior = tenantRow is null
            ? PaymentProfile.NoHistory
            : PaymentProfile.FromCounts(tenantRow.Paid, tenantRow.WrittenOff, tenantRow.MeanDaysLate, PaymentProfile.NoHistory);
        var profiles = history.Where(h => h.CustomerId is not null)
            .ToDictionary(h => h.CustomerId!.Value, h => PaymentProfile.FromCounts(h.Paid, h.WrittenOff, h.MeanDaysLate, prior));

        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.Balance > 0 && i.IssueDate <= asOf)
            .Select(i => new { i.Id, i.CustomerId, i.Currency, i.DueDate, i.Balance })
            .ToListAsync(cancellationToken);
        var receipts = new List<ExpectedReceipt>(open.Count);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var invoice in open)
        {
            var currency = invoice.Currency.Trim();
            if (converter.ToBase(invoice.Balance, currency, asOf) is not { } amount)
            {
                missing.Add(currency);
                continue;
            }

            var profile = profiles.GetValueOrDefault(invoice.CustomerId, prior);
            receipts.Add(new ExpectedReceipt(invoice.Id, invoice.CustomerId, amount, invoice.DueDate, profile.PredictDate(invoice.DueDate, asOf), profile.PaymentProbability));
        }

        return new Prediction(receipts, missing.ToList());
    }
}
