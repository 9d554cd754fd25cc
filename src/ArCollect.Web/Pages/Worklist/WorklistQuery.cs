using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Worklist;

/// <summary>One ranked account: its overdue balance in the tenant's base currency and the priority it is ranked by.</summary>
public sealed record RankedAccount(Guid CustomerId, string Name, decimal Overdue, DateOnly Oldest, int Invoices, decimal Priority, bool MissingRate);

/// <summary>
/// The worklist's ranking in SQL, one page at a time: overdue, undisputed balances per customer converted to the base
/// currency with the newest stored rate on or before today, ranked by overdue x days overdue of the oldest item x the
/// model's probability of paying late (0.5 unscored), then LIMIT/OFFSET, so a large tenant's page reads one page of rows.
/// </summary>
public static class WorklistQuery
{
    public static async Task<List<RankedAccount>> PageAsync(
        ArCollectDbContext db, string baseCurrency, DateOnly today, Guid? collectorId, int skip, int take, CancellationToken ct) =>
        await db.Database.SqlQuery<RankedAccount>($"""
            WITH overdue AS (
              SELECT i.customer_id, i.currency, sum(i.balance) AS amount, min(i.due_date) AS oldest, count(*)::int AS invoices
              FROM invoices i
              WHERE i.balance > 0 AND i.due_date < {today} AND NOT i.is_disputed
              GROUP BY 1, 2),
            rated AS (
              SELECT o.*, CASE WHEN o.currency = {baseCurrency} THEN 1 ELSE r.rate_to_base END AS rate
              FROM overdue o
              LEFT JOIN LATERAL (SELECT x.rate_to_base FROM exchange_rates x
                                 WHERE x.currency = o.currency AND x.rate_date <= {today}
                                 ORDER BY x.rate_date DESC LIMIT 1) r ON true),
            accounts AS (
              SELECT customer_id, COALESCE(round(sum(amount * rate), 2), 0) AS overdue, min(oldest) AS oldest,
                     sum(invoices)::int AS invoices, bool_or(rate IS NULL) AS missing_rate
              FROM rated GROUP BY 1)
            SELECT a.customer_id, c.name, a.overdue, a.oldest, a.invoices,
                   round(a.overdue * ({today} - a.oldest) * COALESCE(s.probability_late, 0.5)::numeric, 2) AS priority, a.missing_rate
            FROM accounts a
            JOIN customers c ON c.id = a.customer_id
            LEFT JOIN customer_scores s ON s.customer_id = a.customer_id
            WHERE (c.snoozed_until IS NULL OR c.snoozed_until <= {today})
              AND ({collectorId}::uuid IS NULL OR c.collector_id = {collectorId}::uuid)
            ORDER BY priority DESC, a.customer_id
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(ct);
}
