using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>
/// Hands out invoice and credit-note numbers from the tenant's patterns. Must run inside the caller's transaction:
/// the counter row stays locked until commit, so concurrent issuers queue, and a rollback returns the number (no gaps).
/// </summary>
public sealed class DocumentNumbers(ArCollectDbContext db, TenantContext tenant)
{
    public async Task<InvoicingSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
        ?? new InvoicingSettings { TenantId = tenant.RequiredTenantId };

    public async Task<string> NextAsync(string pattern, DateOnly issueDate, CancellationToken cancellationToken) =>
        (await NextRangeAsync(pattern, issueDate, 1, cancellationToken))[0];

    /// <summary>The next <paramref name="count"/> consecutive numbers of one scope, taken with one statement (for bulk work such as imports).</summary>
    public async Task<IReadOnlyList<string>> NextRangeAsync(string pattern, DateOnly issueDate, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are allocated inside the issuing transaction, so a failure gives them back.");
        }

        var scope = InvoiceNumberPattern.Scope(pattern, issueDate);
        var tenantId = tenant.RequiredTenantId;
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO document_counters (tenant_id, scope, last_value) VALUES ({tenantId}, {scope}, {count})
            ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = document_counters.last_value + {count}
            RETURNING last_value AS "Value"
            """).ToListAsync(cancellationToken);
        var last = values.Single();
        return Enumerable.Range(0, count).Select(i => InvoiceNumberPattern.Render(pattern, issueDate, last - count + 1 + i)).ToList();
    }
}
