using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// Reads the tenant's <c>ledger_daily_facts</c> for a KPI trend, folded in SQL to what the periods can tell apart, so a
/// page reads a few thousand rows however many invoices there are: days before the countback horizon fold into the
/// horizon, each due day becomes the last period end on or before it, and an open invoice's write-off ('infinity')
/// is dated today, as the per-invoice path dates it.
/// </summary>
public sealed class KpiFactsQuery(ArCollectDbContext db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<DailyLedger> LedgerAsync(IReadOnlyList<(DateOnly Start, DateOnly End)> periods, CancellationToken cancellationToken)
    {
        var rows = await FactsAsync(periods, cancellationToken);
        var converter = await db.ConverterAsync(cancellationToken);
        return new DailyLedger(rows, converter);
    }

    /// <summary>The folded facts for the periods (each period ending on or before today), in their own currencies.</summary>
    public async Task<List<DailyFact>> FactsAsync(IReadOnlyList<(DateOnly Start, DateOnly End)> periods, CancellationToken cancellationToken)
    {
        var ends = periods.Select(p => p.End).Distinct().Order().ToArray();
        var horizon = KpiCalculator.CountbackHorizon(ends[0]);
        var rows = await db.Database.SqlQueryRaw<FactRow>(
            """
            SELECT currency, day, due_day, sum(sales) AS sales, sum(cash) AS cash, sum(credits) AS credits, sum(write_offs) AS write_offs,
                   sum(settled_count)::int AS settled_count, sum(settled_days)::bigint AS settled_days
            FROM (
              SELECT currency,
                     CASE WHEN day = 'infinity' THEN @today WHEN day < @horizon THEN @horizon ELSE day END AS day,
                     COALESCE((@ends::date[])[width_bucket(due_day, @ends::date[])], @horizon - 1) AS due_day,
                     sales, cash, credits, write_offs, settled_count, settled_days
              FROM ledger_daily_facts
              WHERE tenant_id = @tenant AND (day <= @today OR day = 'infinity')) f
            GROUP BY 1, 2, 3
            """,
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = db.RequiredTenantId },
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = Today },
            new NpgsqlParameter("horizon", NpgsqlDbType.Date) { Value = horizon },
            new NpgsqlParameter("ends", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = ends })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DailyFact(r.Currency.Trim(), r.Day, r.DueDay, r.Sales, r.Cash, r.Credits, r.WriteOffs, r.SettledCount, r.SettledDays)).ToList();
    }

    /// <summary>Recomputes the tenant's facts from the ledger, set-based (the triggers make this unnecessary in normal use).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Rebuilding ledger facts needs a tenant.");
        await db.Database.ExecuteSqlAsync($"SELECT ledger_facts_rebuild({tenantId})", cancellationToken);
    }

    private sealed record FactRow(string Currency, DateOnly Day, DateOnly DueDay, decimal Sales, decimal Cash, decimal Credits, decimal WriteOffs, int SettledCount, long SettledDays);
}
