using ArCollect.Domain.Common;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// Predicts from history before a model exists: due date plus the customer's mean days late over invoices settled in
/// the last two years. The probability of being paid within the horizon comes from the tenant's collection curve at
/// the invoice's lateness (<see cref="CollectionCurve"/>: old debts mostly do not arrive), scaled by how the customer's
/// share paid (rather than written off) compares with the tenant's. Customers without history take the tenant's figures.
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

        var curve = CollectionCurve.From(await LatenessAsync(asOf, since, cancellationToken));
        var horizonDays = CashForecast.HorizonEnd(asOf).DayNumber - asOf.DayNumber + 1;

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
            var daysLate = asOf.DayNumber - invoice.DueDate.DayNumber;
            var factor = profile.PaymentProbability / prior.PaymentProbability;
            var within = Math.Min(1m, curve.PaidWithin(daysLate, horizonDays) * factor);
            var ever = Math.Min(1m, curve.PaidEver(daysLate) * factor);
            receipts.Add(new ExpectedReceipt(invoice.Id, invoice.CustomerId, amount, invoice.DueDate, profile.PredictDate(invoice.DueDate, asOf), within, ever));
        }

        return new Prediction(receipts, missing.ToList());
    }

    /// <summary>
    /// Issued invoices open on <paramref name="asOf"/> or settled since <paramref name="since"/>, counted per
    /// lateness at which they were paid, written off, or (still open) observed so far.
    /// </summary>
    private async Task<List<LatenessOutcome>> LatenessAsync(DateOnly asOf, DateOnly since, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<LatenessOutcome>($"""
            SELECT least(greatest(CASE WHEN settled THEN settled_on - due_date ELSE {asOf} - due_date END, {CollectionCurve.MinDays}),
                         {CollectionCurve.MaxDays}) AS days_late,
                   (count(*) FILTER (WHERE settled AND amount_written_off = 0))::int AS paid,
                   (count(*) FILTER (WHERE settled AND amount_written_off > 0))::int AS written_off,
                   (count(*) FILTER (WHERE NOT settled))::int AS still_open
            FROM (SELECT due_date, settled_on, amount_written_off, coalesce(settled_on <= {asOf}, false) AS settled
                  FROM invoices
                  WHERE state = 'Issued' AND issue_date <= {asOf} AND (settled_on IS NULL OR settled_on >= {since})) i
            GROUP BY 1
            """).ToListAsync(cancellationToken);
}
