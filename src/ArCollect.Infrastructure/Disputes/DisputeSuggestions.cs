using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>Loads disputes as <see cref="DisputeCase"/>s for <see cref="DisputeSuggester"/>: the open one and the resolved ones of its reason.</summary>
public sealed class DisputeSuggestions(ArCollectDbContext db)
{
    public async Task<DisputeSuggestion?> ForAsync(Guid disputeId, CancellationToken cancellationToken)
    {
        var open = (await CasesAsync(disputeId, null, cancellationToken)).SingleOrDefault();
        if (open is null)
        {
            return null;
        }

        var resolved = await CasesAsync(null, open.ReasonCode, cancellationToken);
        return DisputeSuggester.Suggest(open, resolved);
    }

    /// <summary>The time-ordered holdout of <see cref="DisputeSuggester.Evaluate"/> over all the tenant's resolved disputes.</summary>
    public async Task<HoldoutResult> EvaluateAsync(CancellationToken cancellationToken) =>
        DisputeSuggester.Evaluate(await CasesAsync(null, null, cancellationToken));

    private async Task<List<DisputeCase>> CasesAsync(Guid? disputeId, string? reasonCode, CancellationToken cancellationToken)
    {
        var codes = await DisputeSetup.ReasonCodesAsync(db, cancellationToken);
        var rows = await db.Database.SqlQuery<CaseRow>($"""
            SELECT d.id, d.reason_code, d.amount, coalesce(nullif(d.currency, ''), inv.currency) AS currency, d.customer_id, c.segment,
                   array_to_string(dispute_line_texts(d.id, d.invoice_id), ' ') AS line_text,
                   coalesce(d.opened_at, d.opened_on::timestamp AT TIME ZONE 'UTC') AS opened_at,
                   coalesce(d.resolved_at, d.resolved_on::timestamp AT TIME ZONE 'UTC') AS resolved_at,
                   d.outcome, coalesce(cn.amount, 0) AS credited
            FROM disputes d
            JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
            JOIN invoices inv ON inv.tenant_id = d.tenant_id AND inv.id = d.invoice_id
            LEFT JOIN credit_notes cn ON cn.tenant_id = d.tenant_id AND cn.id = d.credit_note_id
            WHERE d.tenant_id = {db.RequiredTenantId}
              AND ({disputeId}::uuid IS NULL OR d.id = {disputeId})
              AND ({disputeId}::uuid IS NOT NULL OR (d.status = 'Resolved' AND d.outcome IS NOT NULL))
              AND ({reasonCode}::text IS NULL OR d.reason_code = {reasonCode})
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new DisputeCase(
            r.Id, r.ReasonCode, codes.TryGetValue(r.ReasonCode, out var code) ? code.Label : r.ReasonCode, r.Amount, r.Currency, r.CustomerId, r.Segment,
            r.LineText, r.OpenedAt, r.ResolvedAt, r.Outcome is null ? null : Enum.Parse<DisputeOutcome>(r.Outcome), r.Credited)).ToList();
    }

    private sealed record CaseRow(
        Guid Id, string ReasonCode, decimal Amount, string Currency, Guid CustomerId, string? Segment, string LineText,
        DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? Outcome, decimal Credited);
}
