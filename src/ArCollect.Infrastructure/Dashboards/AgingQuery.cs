using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Dashboards;

public enum AgingGroupBy
{
    Customer,
    Collector,
    Region,
    Segment,
    Currency,
}

/// <summary>One aggregated cell as SQL returns it: a group, a currency and a bucket.</summary>
public sealed record AgingCell(string Key, string Label, string Currency, int Bucket, decimal Amount, int Count);

/// <summary>One invoice behind a cell, in its own currency.</summary>
public sealed record AgingInvoice(Guid Id, string Number, Guid CustomerId, string CustomerName, DateOnly IssueDate, DateOnly DueDate, string Currency, decimal Open);

/// <summary>
/// Open amounts per group and bucket as of any day, aggregated in one SQL statement. For a past day the open amount
/// is rewound from today's balance: allocations of payments received after the day, credit notes issued after it
/// and write-offs of invoices settled after it are added back, and invoices issued after it are left out.
/// </summary>
public sealed class AgingQuery(ArCollectDbContext db, TimeProvider time)
{
    public const int DrillDownLimit = 2000;

    public async Task<List<AgingCell>> CellsAsync(DateOnly asOf, AgingBuckets buckets, AgingGroupBy groupBy, CancellationToken cancellationToken)
    {
        var (key, label) = Dimension(groupBy);
        // Cells are summed per customer first (grouping on the uuid, before any name is joined); by customer that is
        // the answer, other dimensions fold those cells again, which is cheap as they have few groups.
        var (amount, count, groupClause) = groupBy == AgingGroupBy.Customer
            ? ("o.amount", "o.count", "")
            : ("sum(o.amount)", "sum(o.count)::int", "GROUP BY 1, 2, 3, 4");
        var sql = $"""
            {OpenItemsCte(IsPast(asOf))},
            cells AS (
              SELECT o.customer_id, o.currency, {BucketSql} AS bucket, sum(o.open_amount) AS amount, count(*)::int AS count
              FROM open_items o
              WHERE o.open_amount > 0
              GROUP BY 1, 2, 3)
            SELECT {key} AS key, {label} AS label, o.currency AS currency, o.bucket AS bucket, {amount} AS amount, {count} AS count
            FROM cells o
            JOIN customers c ON c.tenant_id = @tenant AND c.id = o.customer_id
            LEFT JOIN "AspNetUsers" u ON u.tenant_id = @tenant AND u.id = c.collector_id
            {groupClause}
            """;
        // Read with a plain data reader: by customer this is one row per customer, currency and bucket (tens of
        // thousands for a large tenant), where EF's raw-query materialisation cost as much again as the SQL.
        // The connection is opened through EF, so the tenant interceptor sets the role and tenant first.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddRange(Parameters(asOf, buckets, db.RequiredTenantId).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var cells = new List<AgingCell>();
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new AgingCell(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetDecimal(4), reader.GetInt32(5)));
            }

            return cells;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The invoices behind one cell (a group key, or every group when null; a bucket, or all when null).</summary>
    public Task<List<AgingInvoice>> InvoicesAsync(
        DateOnly asOf, AgingBuckets buckets, AgingGroupBy groupBy, string? key, int? bucket, CancellationToken cancellationToken)
    {
        var (keySql, _) = Dimension(groupBy);
        var sql = $"""
            {OpenItemsCte(IsPast(asOf))}
            SELECT o.id AS id, o.number AS number, c.id AS customer_id, c.name AS customer_name, o.issue_date AS issue_date,
                   o.due_date AS due_date, o.currency AS currency, o.open_amount AS open
            FROM open_items o
            JOIN customers c ON c.tenant_id = @tenant AND c.id = o.customer_id
            WHERE o.open_amount > 0
              AND (@key IS NULL OR {keySql} = @key)
              AND (@bucket IS NULL OR {BucketSql} = @bucket)
            ORDER BY o.due_date, o.number
            LIMIT {DrillDownLimit}
            """;
        var parameters = Parameters(asOf, buckets, db.RequiredTenantId)
            .Append(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = (object?)key ?? DBNull.Value })
            .Append(new NpgsqlParameter("bucket", NpgsqlDbType.Integer) { Value = (object?)bucket ?? DBNull.Value })
            .ToArray();
        return db.Database.SqlQueryRaw<AgingInvoice>(sql, parameters).ToListAsync(cancellationToken);
    }

    // Bucket 0 is Current (not past due); otherwise 1 + the number of edges the days past due exceed, which is
    // width_bucket over the ascending edges of (days - 1): one function call per row instead of a subquery.
    private const string BucketSql = "(CASE WHEN @as_of - o.due_date <= 0 THEN 0 ELSE 1 + width_bucket(@as_of - o.due_date - 1, @edges) END)";

    private bool IsPast(DateOnly asOf) => asOf < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The CTE <c>open_items</c> (id, number, customer_id, currency, issue_date, due_date, open_amount) of the invoices
    /// open at the end of the day in the parameter <c>@as_of</c>, of the tenant in <c>@tenant</c>; <paramref name="rewind"/>
    /// for a day before today.
    /// </summary>
    internal static string OpenItemsCte(bool rewind)
    {
        // Today's aging reads the stored balance from the covering partial open-items index alone. Past days
        // rewind: the invoices open then (issued by the day, and open now or settled after it) are few compared with
        // the ledger, so each one's later payments are summed through the allocations' invoice index, instead of
        // aggregating every payment since the day (most of the history for a date a year back); credit notes are few.
        return !rewind
            ? """
              WITH open_items AS (
                SELECT i.id, i.number, i.customer_id, i.currency, i.issue_date, i.due_date, i.balance AS open_amount
                FROM invoices i WHERE i.tenant_id = @tenant AND i.balance > 0 AND i.issue_date <= @as_of)
              """
            : """
              WITH credited_after AS (
                SELECT invoice_id, sum(amount) AS amount FROM credit_notes
                WHERE tenant_id = @tenant AND issue_date > @as_of AND invoice_id IS NOT NULL GROUP BY invoice_id),
              open_items AS (
                SELECT i.id, i.number, i.customer_id, i.currency, i.issue_date, i.due_date,
                  i.balance + COALESCE(pa.amount, 0) + COALESCE(ca.amount, 0)
                  + CASE WHEN i.settled_on > @as_of THEN i.amount_written_off ELSE 0 END AS open_amount
                FROM invoices i
                LEFT JOIN LATERAL (
                  SELECT sum(a.amount) AS amount FROM payment_allocations a JOIN payments p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
                  WHERE a.tenant_id = i.tenant_id AND a.invoice_id = i.id AND p.received_on > @as_of) pa ON true
                LEFT JOIN credited_after ca ON ca.invoice_id = i.id
                WHERE i.tenant_id = @tenant AND i.issue_date <= @as_of AND (i.balance > 0 OR i.settled_on > @as_of))
              """;
    }

    private static (string Key, string Label) Dimension(AgingGroupBy groupBy) => groupBy switch
    {
        AgingGroupBy.Customer => ("c.id::text", "c.name"),
        AgingGroupBy.Collector => ("COALESCE(c.collector_id::text, '')",
            "COALESCE(u.display_name, 'Unassigned')"),
        AgingGroupBy.Region => ("COALESCE(c.region, '')", "COALESCE(NULLIF(c.region, ''), '(no region)')"),
        AgingGroupBy.Segment => ("COALESCE(c.segment, '')", "COALESCE(NULLIF(c.segment, ''), '(no segment)')"),
        _ => ("o.currency::text", "o.currency::text"),
    };

    private static List<NpgsqlParameter> Parameters(DateOnly asOf, AgingBuckets buckets, Guid tenantId) =>
    [
        new("tenant", NpgsqlDbType.Uuid) { Value = tenantId },
        new("as_of", NpgsqlDbType.Date) { Value = asOf },
        new("edges", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = buckets.Edges.ToArray() },
    ];
}
