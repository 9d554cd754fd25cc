using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>A customer's overdue balance in the base currency; <c>MissingRate</c> when some currency had no stored rate (left out).</summary>
public sealed record OverdueInBase(Guid CustomerId, string Name, decimal Overdue, DateOnly OldestDue, int Invoices, bool MissingRate);

/// <summary>An open scored invoice's balance in the base currency and the money expected late (probability x balance).</summary>
public sealed record RiskInBase(Guid InvoiceId, decimal BalanceInBase, decimal ExpectedLateInBase, bool MissingRate);

/// <summary>
/// The home page's and the risk page's top lists, ranked in the tenant's base currency with the worklist's conversion
/// (<see cref="BaseCurrencySql"/>), in SQL, so the largest debts come first whatever their currency.
/// </summary>
public static class TopLists
{
    private static readonly string MostOverdueSql = $$"""
            WITH overdue AS (
              SELECT i.customer_id, i.currency, sum(i.balance) AS amount, min(i.due_date) AS oldest, count(*)::int AS invoices
              FROM invoices i
              WHERE i.tenant_id = {3} AND i.balance > 0 AND i.due_date < {0}
              GROUP BY 1, 2)
            SELECT o.customer_id AS customer_id, c.name AS name, COALESCE(round(sum(o.amount * r.rate), 2), 0) AS overdue,
                   min(o.oldest) AS oldest_due, sum(o.invoices)::int AS invoices, bool_or(r.rate IS NULL) AS missing_rate
            FROM overdue o
            {{BaseCurrencySql.RateJoin("o.currency", "{1}", "{0}", "{3}")}}
            JOIN customers c ON c.tenant_id = {3} AND c.id = o.customer_id
            GROUP BY o.customer_id, c.name
            ORDER BY 3 DESC, 1
            LIMIT {2}
            """;

    private static readonly string MostExpectedLateSql = $$"""
            SELECT i.id AS invoice_id, COALESCE(round(i.balance * r.rate, 2), 0) AS balance_in_base,
                   COALESCE(round(i.balance * r.rate * s.probability_late::numeric, 2), 0) AS expected_late_in_base, r.rate IS NULL AS missing_rate
            FROM invoice_scores s
            JOIN invoices i ON i.tenant_id = s.tenant_id AND i.id = s.invoice_id
            {{BaseCurrencySql.RateJoin("i.currency", "{1}", "{0}", "{3}")}}
            WHERE s.tenant_id = {3} AND i.balance > 0
            ORDER BY 3 DESC, i.number
            LIMIT {2}
            """;

    public static Task<List<OverdueInBase>> MostOverdueAsync(ArCollectDbContext db, string baseCurrency, DateOnly today, int take, CancellationToken ct) =>
        db.Database.SqlQueryRaw<OverdueInBase>(MostOverdueSql, today, baseCurrency, take, db.RequiredTenantId).ToListAsync(ct);

    public static Task<List<RiskInBase>> MostExpectedLateAsync(ArCollectDbContext db, string baseCurrency, DateOnly today, int take, CancellationToken ct) =>
        db.Database.SqlQueryRaw<RiskInBase>(MostExpectedLateSql, today, baseCurrency, take, db.RequiredTenantId).ToListAsync(ct);
}
