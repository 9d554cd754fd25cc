using Npgsql;

namespace ArCollect.Bench;

/// <summary>The same aggregates as the pages, each as one hand-written statement run directly as the cluster owner.</summary>
public sealed class Floor(string connectionString)
{
    public static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<Guid> TenantIdAsync(string name) => (Guid)(await ScalarAsync("SELECT id FROM tenants WHERE name = @p0", name))!;

    /// <summary>
    /// Raises the tenant's ledger version as any ledger write does (the triggers of <c>ledger_versions</c>), so the next
    /// forecast request recomputes instead of being served from the cache.
    /// </summary>
    public Task BumpLedgerAsync(Guid tenantId) => ScalarAsync("""
        INSERT INTO ledger_versions AS v (tenant_id, version) VALUES (@p0, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1
        """, tenantId);

    public async Task<string> SizeAsync(Guid tenantId)
    {
        var invoices = await ScalarAsync("SELECT count(*) FROM invoices WHERE tenant_id = @p0", tenantId);
        var open = await ScalarAsync("SELECT count(*) FROM invoices WHERE tenant_id = @p0 AND balance > 0", tenantId);
        var customers = await ScalarAsync("SELECT count(*) FROM customers WHERE tenant_id = @p0", tenantId);
        return $"Tenant has {invoices} invoices ({open} open) and {customers} customers.";
    }

    public Task AgingTodayAsync(Guid tenantId, DateOnly today) => ReadAllAsync("""
        SELECT c.id, c.name, i.currency,
               CASE WHEN @p1 - i.due_date <= 0 THEN 0 WHEN @p1 - i.due_date <= 30 THEN 1 WHEN @p1 - i.due_date <= 60 THEN 2
                    WHEN @p1 - i.due_date <= 90 THEN 3 ELSE 4 END AS bucket,
               sum(i.balance), count(*)
        FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.tenant_id = @p0 AND i.balance > 0
        GROUP BY 1, 2, 3, 4
        """, tenantId, today);

    public Task AgingAsOfAsync(Guid tenantId, DateOnly asOf) => ReadAllAsync("""
        WITH credited_after AS (
            SELECT invoice_id, sum(amount) AS amount FROM credit_notes WHERE tenant_id = @p0 AND issue_date > @p1 GROUP BY invoice_id),
        open_items AS (
            SELECT i.customer_id, i.currency, i.due_date,
                   i.balance + COALESCE(pa.amount, 0) + COALESCE(ca.amount, 0)
                   + CASE WHEN i.settled_on > @p1 THEN i.amount_written_off ELSE 0 END AS open_amount
            FROM invoices i
            LEFT JOIN LATERAL (
                SELECT sum(a.amount) AS amount FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                WHERE a.invoice_id = i.id AND p.received_on > @p1) pa ON true
            LEFT JOIN credited_after ca ON ca.invoice_id = i.id
            WHERE i.tenant_id = @p0 AND i.issue_date <= @p1 AND (i.balance > 0 OR i.settled_on > @p1))
        SELECT customer_id, currency,
               CASE WHEN @p1 - due_date <= 0 THEN 0 WHEN @p1 - due_date <= 30 THEN 1 WHEN @p1 - due_date <= 60 THEN 2
                    WHEN @p1 - due_date <= 90 THEN 3 ELSE 4 END AS bucket,
               sum(open_amount), count(*)
        FROM open_items WHERE open_amount > 0 GROUP BY 1, 2, 3
        """, tenantId, asOf);

    /// <summary>
    /// The daily facts a 12-month KPI trend needs, folded as the page folds them (days before the countback horizon
    /// onto the horizon, due days onto the last month end on or before them): the database's share of the KPI page.
    /// </summary>
    public Task KpiMonthlyAsync(Guid tenantId, DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var ends = Enumerable.Range(0, 12).Select(k => first.AddMonths(k + 1).AddDays(-1)).Select(e => e > today ? today : e).ToArray();
        return ReadAllAsync("""
            SELECT currency, day, due_day, sum(sales), sum(cash), sum(credits), sum(write_offs), sum(settled_count), sum(settled_days)
            FROM (
              SELECT currency,
                     CASE WHEN day = 'infinity' THEN @p1 WHEN day < @p2 THEN @p2 ELSE day END AS day,
                     COALESCE((@p3::date[])[width_bucket(due_day, @p3::date[])], @p2 - 1) AS due_day,
                     sales, cash, credits, write_offs, settled_count, settled_days
              FROM ledger_daily_facts
              WHERE tenant_id = @p0 AND (day <= @p1 OR day = 'infinity')) f
            GROUP BY 1, 2, 3
            """, tenantId, today, ends[0].AddMonths(-24), ends);
    }

    private async Task<object?> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteScalarAsync();
    }

    private async Task ReadAllAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(sql, connection, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }

        return command;
    }
}
