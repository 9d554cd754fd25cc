using ArCollect.Domain.Disputes;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// Today's disputed amounts of open invoices by currency, due date and the reason of each invoice's largest live
/// dispute: the one read the aging narrative adds. It touches only invoices with a disputed amount (a small share of
/// the open ones), so it stays small on a large ledger.
/// </summary>
public sealed class DisputedAgingQuery(ArCollectDbContext db, TenantContext tenant)
{
    public async Task<List<DisputedInvoiceAmount>> TodayAsync(CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        string[] live = [nameof(DisputeStatus.Open), nameof(DisputeStatus.InReview), nameof(DisputeStatus.WaitingOnCustomer)];
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT i.currency, i.due_date, coalesce(r.reason, {nameof(DisputeReason.Other)}) AS reason, sum(i.disputed_amount) AS amount
            FROM invoices i
            LEFT JOIN LATERAL (
                SELECT d.reason FROM disputes d
                WHERE d.tenant_id = i.tenant_id AND d.status = ANY({live})
                  AND (d.invoice_id = i.id OR EXISTS (
                      SELECT 1 FROM dispute_items x WHERE x.tenant_id = i.tenant_id AND x.dispute_id = d.id AND x.invoice_id = i.id))
                ORDER BY d.amount DESC, d.id LIMIT 1) r ON true
            WHERE i.tenant_id = {tenantId} AND i.balance > 0 AND i.disputed_amount > 0
            GROUP BY 1, 2, 3
            """).ToListAsync(ct);
        return rows.Select(r => new DisputedInvoiceAmount(r.Currency.Trim(), r.DueDate,
            Enum.TryParse<DisputeReason>(r.Reason, out var reason) ? reason : DisputeReason.Other, r.Amount)).ToList();
    }

    private sealed record Row(string Currency, DateOnly DueDate, string Reason, decimal Amount);
}
