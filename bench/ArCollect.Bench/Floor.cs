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
        WITH paid_after AS (
            SELECT pa.invoice_id, sum(pa.amount) AS amount FROM payment_allocations pa JOIN payments p ON p.id = pa.payment_id
            WHERE p.tenant_id = @p0 AND p.received_on > @p1 GROUP BY pa.invoice_id),
        credited_after AS (
            SELECT invoice_id, sum(amount) AS amount FROM credit_notes WHERE tenant_id = @p0 AND issue_date > @p1 GROUP BY invoice_id),
        open_items AS (
            SELECT i.customer_id, i.currency, i.due_date,
                   i.balance + COALESCE(pa.amount, 0) + COALESCE(ca.amount, 0)
                   + CASE WHEN i.settled_on > @p1 THEN i.amount_written_off ELSE 0 END AS open_amount
            FROM invoices i
            LEFT JOIN paid_after pa ON pa.invoice_id = i.id
            LEFT JOIN credited_after ca ON ca.invoice_id = i.id
            WHERE i.tenant_id = @p0 AND i.issue_date <= @p1 AND (i.balance > 0 OR i.settled_on > @p1))
        SELECT customer_id, currency,
               CASE WHEN @p1 - due_date <= 0 THEN 0 WHEN @p1 - due_date <= 30 THEN 1 WHEN @p1 - due_date <= 60 THEN 2
                    WHEN @p1 - due_date <= 90 THEN 3 ELSE 4 END AS bucket,
               sum(open_amount), count(*)
        FROM open_items WHERE open_amount > 0 GROUP BY 1, 2, 3
        """, tenantId, asOf);

    /// <summary>Credit sales, cash, closing and current AR per month for 12 months from the daily facts: the inputs of DSO, CEI and collection rate.</summary>
    public Task KpiMonthlyAsync(Guid tenantId, DateOnly today) => ReadAllAsync("""
        WITH months AS (
            SELECT date_trunc('month', m)::date AS month_start, (date_trunc('month', m) + interval '1 month - 1 day')::date AS month_end
            FROM generate_series(date_trunc('month', @p1::date) - interval '11 months', date_trunc('month', @p1::date), interval '1 month') m)
        SELECT mo.month_end,
               sum(f.sales) FILTER (WHERE f.day >= mo.month_start) AS sales,
               sum(f.cash) FILTER (WHERE f.day >= mo.month_start) AS cash,
               sum(f.sales - f.cash - f.credits - f.write_offs) AS closing_ar,
               sum(f.sales - f.cash - f.credits - f.write_offs) FILTER (WHERE f.due_day >= mo.month_end) AS closing_current_ar
        FROM months mo
        JOIN ledger_daily_facts f ON f.tenant_id = @p0 AND f.day <= mo.month_end
        GROUP BY mo.month_end ORDER BY 1
        """, tenantId, today);

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
