using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// Replaces a tenant's scores in one transaction: old scores deleted, new ones loaded with binary COPY, customer
/// scores rolled up with one INSERT ... SELECT. Readers see either all of last night's scores or all of tonight's.
/// </summary>
public static class RiskScoreWriter
{
    public static async Task WriteAsync(ArCollectDbContext db, IReadOnlyList<InvoiceScore> scores, RiskSettings settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CustomerScores.ExecuteDeleteAsync(cancellationToken);
        await db.InvoiceScores.ExecuteDeleteAsync(cancellationToken);
        await BulkLoader.InsertAsync(db, scores, cancellationToken);

        // Weighted by open balance, so one large risky invoice outweighs several small safe ones (amounts in other
        // currencies weigh by their face value: a ranking weight, never a sum of money). The customer's reasons are
        // those of its invoice with the most money at risk.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO customer_scores (customer_id, tenant_id, probability_late, expected_days_late, band, open_invoices, reasons, predictor, model_version, scored_at)
            SELECT r.customer_id, r.tenant_id, r.probability, r.days,
                   CASE WHEN r.probability >= {settings.HighFrom} THEN 'High' WHEN r.probability >= {settings.MediumFrom} THEN 'Medium' ELSE 'Low' END,
                   r.open_invoices, r.reasons, r.predictor, r.model_version, r.scored_at
            FROM (
                SELECT s.customer_id, s.tenant_id,
                       sum(s.probability_late * w.weight) / sum(w.weight) AS probability,
                       sum(s.expected_days_late * w.weight) / sum(w.weight) AS days,
                       count(*)::int AS open_invoices,
                       (array_agg(s.reasons ORDER BY s.probability_late * w.weight DESC, s.invoice_id))[1] AS reasons,
                       min(s.predictor) AS predictor,
                       max(s.model_version) AS model_version,
                       max(s.scored_at) AS scored_at
                FROM invoice_scores s
                JOIN invoices i ON i.id = s.invoice_id
                CROSS JOIN LATERAL (SELECT greatest(i.balance, 0.01) AS weight) w
                GROUP BY s.customer_id, s.tenant_id
            ) r
            """,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
