using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// What a cached forecast must match to be served: the tenant's ledger version (0 before its first change; see
/// <see cref="LedgerVersionSql"/>) and its base currency, which lives on the tenant and is not versioned.
/// </summary>
public sealed record LedgerStamp(long Version, string BaseCurrency)
{
    private sealed record Row(long Version, string BaseCurrency);

    public static async Task<LedgerStamp> ReadAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.RequiredTenantId;
        var row = await db.Database.SqlQuery<Row>($"""
            SELECT coalesce(v.version, 0) AS version, t.base_currency AS base_currency
            FROM tenants t LEFT JOIN ledger_versions v ON v.tenant_id = t.id
            WHERE t.id = {tenantId}
            """).SingleAsync(cancellationToken);
        return new LedgerStamp(row.Version, row.BaseCurrency.Trim());
    }
}
