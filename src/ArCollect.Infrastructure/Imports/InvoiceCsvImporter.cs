using System.Data.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Imports;

/// <summary>
/// Imports invoices with their lines from CSV (one row per line) in one pass: rows are parsed as they stream in and
/// go through binary COPY into a temporary staging table; unknown customers and inconsistent invoices are found with
/// SQL, and the merge is one INSERT ... SELECT ... ON CONFLICT DO NOTHING keyed on the invoice number, so importing
/// the same file again creates nothing. All in one transaction: a failed import leaves the database as it was.
/// </summary>
public sealed partial class InvoiceCsvImporter(ArCollectDbContext db, TenantContext tenant, TimeProvider time, ILogger<InvoiceCsvImporter> logger)
{
    private const string Staging = "import_invoice_rows";

    // Problems parsed from rows, counted even beyond the listed ones.
    private int errorCount;

    public async Task<ImportReport> ImportAsync(Stream csv, ImportMode mode, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            MaxRecordSize = ImportLimits.MaxRecordSize,
            TrimWhitespace = true,
            NormalizeHeaderName = name => name.Trim().ToLowerInvariant(),
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        var errors = new List<ImportError>();
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var columns = ResolveColumns(reader, mapping, out var problem);
            if (problem is not null)
            {
                return problem;
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await ExecuteAsync(connection, $"""
                CREATE TEMP TABLE {Staging} (row_number int, valid boolean, invoice_number text, customer_external_id text, issue_date date,
                  due_date date, currency text, terms text, description text, quantity numeric, unit_price numeric, tax_rate numeric) ON COMMIT DROP
                """, cancellationToken);
            var started = time.GetTimestamp();
            var rows = await CopyAsync(connection, reader, columns, errors, cancellationToken);
            var copied = time.GetTimestamp();
            // Temporary tables are never analysed automatically; without statistics the planner would join blindly.
            await ExecuteAsync(connection, $"ANALYZE {Staging}", cancellationToken);
            AddListed(errors, await CheckAsync(connection, cancellationToken));
            var (invalidRows, _) = await CountAsync(connection, cancellationToken);
            if (invalidRows > 0 && (mode == ImportMode.AllOrNothing || invalidRows == rows))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Report(rows, 0, 0, errors, committed: false);
            }

            AddListed(errors, await DropInvoicesWithErrorsAsync(connection, cancellationToken));
            var checkedAt = time.GetTimestamp();
            var (created, already) = await MergeAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation(
                "Imported {Created} invoices from {Rows} rows for {TenantId}: read and copy {CopyMs} ms, checks {CheckMs} ms, merge {MergeMs} ms",
                created, rows, tenant.TenantId, (int)time.GetElapsedTime(started, copied).TotalMilliseconds,
                (int)time.GetElapsedTime(copied, checkedAt).TotalMilliseconds, (int)time.GetElapsedTime(checkedAt).TotalMilliseconds);
            return Report(rows, created, already, errors, committed: true);
        }
        catch (CsvFormatException ex)
        {
            // The file cannot be read on from here (e.g. a line longer than the limit): nothing is kept.
            var row = (int)Math.Min(int.MaxValue, ex.RecordNumber);
            errors.Add(new ImportError(row, "", $"Row is longer than {ImportLimits.MaxRecordSize / 1024} KB or badly quoted, so the file cannot be read past it: check the file is a CSV export and split very long descriptions. Nothing was imported."));
            errorCount++;
            return Report(Math.Max(0, row - 1), 0, 0, errors, committed: false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Dictionary<string, int> ResolveColumns(CsvReader reader, IReadOnlyDictionary<string, string>? mapping, out ImportReport? problem)
    {
        var resolved = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var column in InvoiceImportRow.Required.Concat(InvoiceImportRow.Optional))
        {
            var source = mapping?.GetValueOrDefault(column) is { Length: > 0 } mapped ? mapped : column;
            if (reader.TryGetFieldIndex(source, out var index))
            {
                resolved[column] = index;
            }
            else if (InvoiceImportRow.Required.Contains(column))
            {
                missing.Add(column);
            }
        }

        var header = string.Join(",", reader.Headers);
        problem = missing.Count == 0 ? null : ImportReport.FileProblem(string.Join(", ", missing),
            $"The file has no column {string.Join(", ", missing)}. " + (reader.Headers.Count <= 1 && header.IndexOfAny([';', '\t', '|']) >= 0
                ? "It looks separated by ';', tab or '|': save it with commas (CSV UTF-8)."
                : $"Its header is \"{(header.Length > 200 ? header[..200] + "..." : header)}\": rename the columns or map them."));
        return resolved;
    }

    private async Task<int> CopyAsync(NpgsqlConnection connection, CsvReader reader, Dictionary<string, int> columns, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (row_number, valid, invoice_number, customer_external_id, issue_date, due_date, currency, terms, description, quantity, unit_price, tax_rate) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        var rowErrors = new List<ImportError>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows = (int)reader.RowNumber;
            rowErrors.Clear();
            var row = InvoiceImportRow.Parse(rows, c => columns.TryGetValue(c, out var i) && i < reader.FieldCount ? reader.GetString(i) : null, rowErrors);
            errorCount += rowErrors.Count;
            AddListed(errors, rowErrors);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Row, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(row.Valid, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(row.Number, NpgsqlDbType.Text, cancellationToken);
            if (!row.Valid)
            {
                // Only the number is kept, so that the other rows of the same invoice can be left out too.
                for (var i = 0; i < 9; i++)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                continue;
            }

            await copy.WriteAsync(row.CustomerExternalId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.IssueDate, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(row.DueDate, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(row.Currency, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, row.Terms, cancellationToken);
            await copy.WriteAsync(row.Description, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Quantity, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(row.UnitPrice, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(row.TaxRate, NpgsqlDbType.Numeric, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static void AddListed(List<ImportError> errors, IEnumerable<ImportError> more) =>
        errors.AddRange(more.Take(Math.Max(0, ImportLimits.MaxListedErrors - errors.Count)));

    private ImportReport Report(int rows, int created, int already, List<ImportError> errors, bool committed) =>
        new(rows, created, already, errors.OrderBy(e => e.Row).Take(ImportLimits.MaxListedErrors).ToList(), Math.Max(errorCount, errors.Count), committed);

    internal static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
