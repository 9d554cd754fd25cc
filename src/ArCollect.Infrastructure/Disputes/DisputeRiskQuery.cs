using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>Loads the customer's recent disputes with their line texts for the <see cref="DisputeRisk"/> pre-send warning.</summary>
public static class DisputeRiskQuery
{
    public static async Task<IReadOnlyList<string>> WarningsAsync(ArCollectDbContext db, Invoice invoice, CancellationToken cancellationToken)
    {
        var today = invoice.IssueDate;
        var since = today.AddMonths(-DisputeRisk.Months);
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT d.reason_code, d.opened_on,
                   dispute_line_texts(d.id, d.invoice_id) AS lines
            FROM disputes d
            WHERE d.tenant_id = {db.RequiredTenantId} AND d.customer_id = {invoice.CustomerId} AND d.opened_on > {since} AND d.opened_on <= {today} AND d.status <> 'Withdrawn'
            """).ToListAsync(cancellationToken);
        if (rows.Count < DisputeRisk.Threshold)
        {
            return [];
        }

        var codes = await DisputeSetup.ReasonCodesAsync(db, cancellationToken);
        var past = rows.Select(r => new PastDispute(r.ReasonCode, codes.TryGetValue(r.ReasonCode, out var c) ? c.Label : r.ReasonCode, r.OpenedOn, r.Lines));
        return DisputeRisk.Warnings(invoice.Lines.Where(l => l.LateFeePeriod == null).Select(l => l.Description), past, today);
    }

    private sealed record Row(string ReasonCode, DateOnly OpenedOn, string[] Lines);
}
