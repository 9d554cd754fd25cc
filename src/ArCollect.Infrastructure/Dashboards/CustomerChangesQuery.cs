using ArCollect.Domain.Common;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// How each customer's receivables moved between two days, from <c>customer_daily_facts</c>: one indexed range of the
/// tenant's days (the second key column), summed per customer and currency and joined to the customers that moved,
/// so the KPI page can say which customers explain a DSO change without reading invoices.
/// </summary>
public sealed class CustomerChangesQuery(ArCollectDbContext db)
{
    /// <summary>
    /// The change after <paramref name="from"/> up to and including <paramref name="to"/>, converted to the base
    /// currency at <paramref name="to"/>'s rate (a currency without a rate is left out and named).
    /// </summary>
    public async Task<(IReadOnlyList<CustomerArChange> Changes, IReadOnlyList<string> MissingRates)> BetweenAsync(
        DateOnly from, DateOnly to, CurrencyConverter converter, CancellationToken cancellationToken)
    {
        var tenantId = db.RequiredTenantId;
        var rows = await db.Database.SqlQueryRaw<Row>(
            """
            SELECT f.customer_id, c.name, c.region, c.segment, c.is_key_account, f.currency, f.change
            FROM (
              SELECT customer_id, currency, sum(sales - cash - credits - write_offs) AS change
              FROM customer_daily_facts
              WHERE tenant_id = @tenant AND day > @from AND day <= @to
              GROUP BY customer_id, currency
              HAVING sum(sales - cash - credits - write_offs) <> 0) f
            JOIN customers c ON c.tenant_id = @tenant AND c.id = f.customer_id
            """,
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = tenantId },
            new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from },
            new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to })
            .ToListAsync(cancellationToken);

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var byCustomer = new Dictionary<Guid, CustomerArChange>();
        foreach (var row in rows)
        {
            var currency = row.Currency.Trim();
            if (converter.ToBase(row.Change, currency, to) is not { } amount)
            {
                missing.Add(currency);
                continue;
            }

            byCustomer[row.CustomerId] = byCustomer.TryGetValue(row.CustomerId, out var seen)
                ? seen with { Change = seen.Change + amount }
                : new CustomerArChange(row.CustomerId, row.Name, row.Region, row.Segment, row.IsKeyAccount, amount);
        }

        var changes = byCustomer.Values.Where(c => c.Change != 0m).OrderBy(c => c.CustomerId).ToList();
        return (changes, missing.ToList());
    }

    /// <summary>Recomputes the tenant's customer facts from the ledger, set-based (the triggers make this unnecessary in normal use).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Rebuilding customer facts needs a tenant.");
        await db.Database.ExecuteSqlAsync($"SELECT customer_facts_rebuild({tenantId})", cancellationToken);
    }

    private sealed record Row(Guid CustomerId, string Name, string? Region, string? Segment, bool IsKeyAccount, string Currency, decimal Change);
}
