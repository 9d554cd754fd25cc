using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Worklist;

/// <summary>One ranked account: its overdue balance in the tenant's base currency and the priority it is ranked by.</summary>
public sealed record RankedAccount(Guid CustomerId, string Name, decimal Overdue, DateOnly Oldest, int Invoices, decimal Priority, bool MissingRate);

/// <summary>
/// The worklist's ranking in SQL, one page at a time: overdue, undisputed balances per customer converted to the base
/// currency with the newest stored rate on or before today (<see cref="BaseCurrencySql"/>, shared with the home and risk
/// pages), ranked by overdue x days overdue of the oldest item x the model's probability of paying late (0.5 unscored),
/// doubled for an account that broke a promise in the last 30 days, then LIMIT/OFFSET, so a large tenant's page reads
/// one page of rows.
/// </summary>
public static class WorklistQuery
{
    /// <summary>How long a broken promise keeps ranking its account up.</summary>
    public const int BrokenPromiseDays = 30;

    /// <summary>How much a recent broken promise multiplies an account's priority.</summary>
    public const int BrokenPromiseWeight = 2;

    private static readonly string Sql = $$"""
        WITH overdue AS (
          SELECT i.customer_id, i.currency, sum(i.balance) AS amount, min(i.due_date) AS oldest, count(*)::int AS invoices
          FROM invoices i
          WHERE i.tenant_id = {5} AND i.balance > 0 AND i.due_date < {0} AND NOT i.is_disputed
          GROUP BY 1, 2),
        rated AS (
          SELECT o.*, r.rate
          FROM overdue o
          {{BaseCurrencySql.RateJoin("o.currency", "{1}", "{0}", "{5}")}}),
        accounts AS (
          SELECT customer_id, COALESCE(round(sum(amount * rate), 2), 0) AS overdue, min(oldest) AS oldest,
                 sum(invoices)::int AS invoices, bool_or(rate IS NULL) AS missing_rate
          FROM rated GROUP BY 1)
        SELECT a.customer_id AS customer_id, c.name AS name, a.overdue AS overdue, a.oldest AS oldest, a.invoices AS invoices,
               round(a.overdue * ({0} - a.oldest) * COALESCE(s.probability_late, 0.5)::numeric
                     * CASE WHEN EXISTS (SELECT 1 FROM promises p WHERE p.tenant_id = c.tenant_id AND p.customer_id = a.customer_id
                                         AND p.status = 'Broken' AND p.promised_date >= {0} - {{BrokenPromiseDays}}) THEN {{BrokenPromiseWeight}} ELSE 1 END, 2) AS priority,
               a.missing_rate AS missing_rate
        FROM accounts a
        JOIN customers c ON c.tenant_id = {5} AND c.id = a.customer_id
        LEFT JOIN customer_scores s ON s.tenant_id = c.tenant_id AND s.customer_id = a.customer_id
        WHERE (c.snoozed_until IS NULL OR c.snoozed_until <= {0})
          AND ({2}::uuid IS NULL OR c.collector_id = {2}::uuid)
        ORDER BY 6 DESC, 1
        LIMIT {3} OFFSET {4}
        """;

    public static async Task<List<RankedAccount>> PageAsync(
        ArCollectDbContext db, string baseCurrency, DateOnly today, Guid? collectorId, int skip, int take, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<RankedAccount>(
            Sql, today, baseCurrency, collectorId.HasValue ? collectorId.Value : DBNull.Value, take, skip, db.RequiredTenantId)
            .ToListAsync(ct);
}
