using System.Diagnostics;
using System.Text;
using Npgsql;

/// <summary>
/// Optional profiling for the import bench: auto_explain of every slow statement (with buffers, WAL and trigger
/// times) into the server log, and a second floor: COPY of the imported rows into indexed copies of the real tables.
/// </summary>
internal static class Profiling
{
    /// <summary>Logs EXPLAIN (ANALYZE, BUFFERS, WAL) with trigger times for every statement slower than 200 ms.</summary>
    public static async Task EnableAutoExplainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "LOAD 'auto_explain'",
            "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'",
            "ALTER SYSTEM SET auto_explain.log_min_duration = '200ms'",
            "ALTER SYSTEM SET auto_explain.log_analyze = on",
            "ALTER SYSTEM SET auto_explain.log_buffers = on",
            "ALTER SYSTEM SET auto_explain.log_wal = on",
            "ALTER SYSTEM SET auto_explain.log_timing = on",
            "ALTER SYSTEM SET auto_explain.log_triggers = on",
            "ALTER SYSTEM SET auto_explain.log_nested_statements = on",
            "SELECT pg_reload_conf()",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        // The library loads per session: pooled sessions opened before the change would not log.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The plans auto_explain wrote to the server log, from the given byte offset on.</summary>
    public static string Plans(string logFile, long from)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var inPlan = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("LOG:  duration:", StringComparison.Ordinal))
            {
                inPlan = line.Contains("plan:", StringComparison.Ordinal) || line.EndsWith("plan:", StringComparison.Ordinal);
                text.AppendLine().AppendLine(line);
            }
            else if (inPlan && (line.StartsWith('\t') || line.StartsWith(' ')))
            {
                text.AppendLine(line);
            }
            else
            {
                inPlan = false;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Times COPY of the rows the import created into copies of invoices and invoice_lines with the same columns,
    /// defaults, generated column and indexes (no foreign keys, no row-level security): what any import must pay.
    /// </summary>
    public static async Task<(double InvoicesSeconds, double LinesSeconds)> IndexedFloorAsync(NpgsqlConnection connection)
    {
        const string InvoiceColumns = "id, tenant_id, customer_id, number, state, terms, issue_date, due_date, currency, subtotal, tax_total, total, amount_paid, amount_credited, amount_written_off, is_disputed, created_at, updated_at";
        const string LineColumns = "id, tenant_id, invoice_id, line_number, description, quantity, unit_price, tax_rate, net_amount, tax_amount";
        await ExecuteAsync(connection, "CREATE TABLE floor_invoices (LIKE invoices INCLUDING ALL); CREATE TABLE floor_invoice_lines (LIKE invoice_lines INCLUDING ALL)");
        var invoices = await TimedCopyAsync(connection, $"COPY (SELECT {InvoiceColumns} FROM invoices) TO STDOUT (FORMAT BINARY)", $"COPY floor_invoices ({InvoiceColumns}) FROM STDIN (FORMAT BINARY)");
        var lines = await TimedCopyAsync(connection, $"COPY (SELECT {LineColumns} FROM invoice_lines) TO STDOUT (FORMAT BINARY)", $"COPY floor_invoice_lines ({LineColumns}) FROM STDIN (FORMAT BINARY)");
        return (invoices, lines);
    }

    /// <summary>
    /// What each index of invoices costs a bulk load: COPY of the imported invoices into an unindexed copy, then into
    /// the copy with that one index (same definition, renamed), one index at a time.
    /// </summary>
    public static async Task<List<(string Index, double Seconds)>> IndexCostsAsync(NpgsqlConnection connection)
    {
        const string Columns = "id, tenant_id, customer_id, number, state, terms, issue_date, due_date, currency, subtotal, tax_total, total, amount_paid, amount_credited, amount_written_off, is_disputed, created_at, updated_at, import_id";
        var definitions = new List<(string Name, string Sql)>();
        await using (var command = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'invoices' ORDER BY indexname", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var results = new List<(string, double)>();
        await ExecuteAsync(connection, "CREATE TABLE cost_invoices (LIKE invoices INCLUDING DEFAULTS INCLUDING GENERATED)");
        results.Add(("(no index)", await TimedCopyAsync(connection, $"COPY (SELECT {Columns} FROM invoices) TO STDOUT (FORMAT BINARY)", $"COPY cost_invoices ({Columns}) FROM STDIN (FORMAT BINARY)")));
        foreach (var (name, sql) in definitions)
        {
            await ExecuteAsync(connection, "TRUNCATE cost_invoices; " + sql.Replace($"INDEX {name} ON public.invoices", "INDEX cost_index ON public.cost_invoices", StringComparison.Ordinal));
            results.Add((name, await TimedCopyAsync(connection, $"COPY (SELECT {Columns} FROM invoices) TO STDOUT (FORMAT BINARY)", $"COPY cost_invoices ({Columns}) FROM STDIN (FORMAT BINARY)")));
            await ExecuteAsync(connection, "DROP INDEX cost_index");
        }

        return results;
    }

    /// <summary>
    /// CPU seconds used so far by the cluster's server processes (postmaster and its children): on a machine shared
    /// with other jobs, CPU time is steadier than wall time.
    /// </summary>
    public static double ServerCpuSeconds(string dataDirectory)
    {
        var postmaster = File.ReadLines(Path.Combine(dataDirectory, "pgdata", "postmaster.pid")).First().Trim();
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command name: state, ppid, ..., utime (14th field), stime (15th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (Path.GetFileName(dir) == postmaster || fields[1] == postmaster)
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return ticks / 100.0;
    }

    private static async Task<double> TimedCopyAsync(NpgsqlConnection connection, string export, string import)
    {
        var file = Path.GetTempFileName();
        try
        {
            await using (var output = File.Create(file))
            await using (var source = await connection.BeginRawBinaryCopyAsync(export))
            {
                await source.CopyToAsync(output);
            }

            var clock = Stopwatch.StartNew();
            await using (var input = File.OpenRead(file))
            await using (var target = await connection.BeginRawBinaryCopyAsync(import))
            {
                await input.CopyToAsync(target);
            }

            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
