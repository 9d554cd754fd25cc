using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>Gives a tenant the default reason codes the first time its list is needed.</summary>
public static class DisputeSetup
{
    public static async Task EnsureReasonCodesAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        if (await db.DisputeReasonCodes.AnyAsync(cancellationToken))
        {
            return;
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Reason codes belong to a tenant.");
        var order = 0;
        foreach (var (code, label, category) in DisputeReasonCodes.Defaults)
        {
            order += 10;
            // Two requests doing this at once both insert nothing twice: the code is unique per tenant.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO dispute_reason_codes (id, tenant_id, code, label, category, is_active, sort_order)
                VALUES ({Guid.CreateVersion7()}, {tenantId}, {code}, {label}, {category.ToString()}, true, {order})
                ON CONFLICT (tenant_id, code) DO NOTHING
                """, cancellationToken);
        }
    }

    /// <summary>The tenant's reason codes by code, defaults first created if needed.</summary>
    public static async Task<Dictionary<string, DisputeReasonCode>> ReasonCodesAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        await EnsureReasonCodesAsync(db, cancellationToken);
        return await db.DisputeReasonCodes.AsNoTracking().ToDictionaryAsync(r => r.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
    }
}
