using ArCollect.Domain.Disputes;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// Today's disputed amounts of open invoices by currency, due date and the reason of each invoice's largest live
/// dispute: the one read the aging narrative adds. Live disputes are joined to their invoices once (hash join) rather than
/// searched per invoice, and the disputed open invoices come from their own partial index, so it stays small on a
/// large ledger.
/// </summary>
public sealed class DisputedAgingQuery(ArCollectDbContext db, TenantContext tenant)
{
    public async Task<List<DisputedInvoiceAmount>> TodayAsync(CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        string[] live = [nameof(DisputeStatus.Open), nameof(DisputeStatus.InReview), nameof(DisputeStatus.WaitingOnCustomer)];
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH links AS (
                SELECT d.id, d.reason, d.amount, d.invoice_id FROM disputes d
                WHERE d.tenant_id = {tenantId} AND d.status = ANY({live}) AND d.invoice_id IS NOT NULL
                UNION
                SELECT d.id, d.reason, d.amount, x.invoice_id FROM disputes d
                JOIN dispute_items x ON x.tenant_id = d.tenant_id AND x.dispute_id = d.id
                WHERE d.tenant_id = {tenantId} AND d.status = ANY({live})),
            largest AS (
                SELECT DISTINCT ON (invoice_id) invoice_id, reason FROM links ORDER BY invoice_id, amount DESC, id)
            SELECT i.currency, i.due_date, coalesce(r.reason, {nameof(DisputeReason.Other)}) AS reason, sum(i.disputed_amount) AS amount
            FROM invoices i
            LEFT JOIN largest r ON r.invoice_id = i.id
            WHERE i.tenant_id = {tenantId} AND i.balance > 0 AND i.disputed_amount > 0
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        return rows.Select(r => new DisputedInvoiceAmount(r.Currency.Trim(), r.DueDate,
            Enum.TryParse<DisputeReason>(r.Reason, out var reason) ? reason : DisputeReason.Other, r.Amount)).ToList();
    }

    private sealed record Row(string Currency, DateOnly DueDate, string Reason, decimal Amount);
}
