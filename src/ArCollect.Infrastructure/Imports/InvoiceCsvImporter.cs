using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using CsvHelper;
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
public sealed partial class InvoiceCsvImporter(
    ArCollectDbContext db, TenantContext tenant, TimeProvider time, DocumentNumbers numbers, ILogger<InvoiceCsvImporter> logger)
{
    private const string Staging = "import_invoice_rows";
    private const string NumberIndex = "ix_invoices_tenant_id_number";

    // Problems parsed from rows, counted even beyond the listed ones.
    private int errorCount;

    public Task<ImportReport> ImportAsync(Stream csv, ImportMode mode, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        return CsvImportSupport.RunAsync(db, csv, InvoiceImportRow.Required, InvoiceImportRow.Optional, mapping,
            (reader, columns, connection) => ImportRowsAsync(reader, columns, connection, mode, errors, cancellationToken),
            error =>
            {
                // The file cannot be read on from here (e.g. a line longer than the limit): nothing is kept.
                errors.Add(error);
                errorCount++;
                return Report(Math.Max(0, error.Row - 1), 0, 0, errors, committed: false);
            },
            cancellationToken);
    }

    private async Task<ImportReport> ImportRowsAsync(
        CsvReader reader, Dictionary<string, int> columns, NpgsqlConnection connection, ImportMode mode, List<ImportError> errors, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The grouping sorts of a million-row file need about 150 MB; with the server default they spill to disk.
        await CsvImportSupport.ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'", cancellationToken);
        await CsvImportSupport.ExecuteAsync(connection, $"""
            CREATE TEMP TABLE {Staging} (row_number int, valid boolean, invoice_number text, customer_external_id text, issue_date date,
              due_date date, currency text, terms text, description text, quantity numeric, unit_price numeric, tax_rate numeric) ON COMMIT DROP
            """, cancellationToken);
        var started = time.GetTimestamp();
        var rows = await CopyAsync(connection, reader, columns, errors, cancellationToken);
        var copied = time.GetTimestamp();
        // Temporary tables are never analysed automatically; without statistics the planner would join blindly.
        await CsvImportSupport.ExecuteAsync(connection, $"ANALYZE {Staging}", cancellationToken);
        CsvImportSupport.AddListed(errors, await CheckAsync(connection, cancellationToken));
        var (invalidRows, _) = await CountAsync(connection, cancellationToken);
        if (invalidRows > 0 && (mode == ImportMode.AllOrNothing || invalidRows == rows))
        {
            await transaction.RollbackAsync(cancellationToken);
            return Report(rows, 0, 0, errors, committed: false);
        }

        CsvImportSupport.AddListed(errors, await DropInvoicesWithErrorsAsync(connection, cancellationToken));
        var checkedAt = time.GetTimestamp();
        var importId = Guid.CreateVersion7();
        int created, already;
        try
        {
            (created, already) = await MergeAsync(connection, importId, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == NumberIndex)
        {
            // Someone created one of these numbers (not by import) after it was found new: keep nothing, say so.
            await transaction.RollbackAsync(cancellationToken);
            errors.Insert(0, new ImportError(0, InvoiceImportRow.NumberColumn,
                "An invoice with one of these numbers was created while the file was being imported, so nothing was imported: import the file again (invoices already there are skipped)."));
            errorCount++;
            return Report(rows, 0, 0, errors, committed: false);
        }

        // Imported numbers bypass the counter: raise it so the next issued invoice continues after them.
        await numbers.RaiseToHighestUsedAsync(DocumentSeries.Invoice, importId, cancellationToken);
        await AuditAsync(connection, importId, mode, rows, created, already, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Imported {Created} invoices from {Rows} rows for {TenantId}: read and copy {CopyMs} ms, checks {CheckMs} ms, merge {MergeMs} ms",
            created, rows, tenant.TenantId, (int)time.GetElapsedTime(started, copied).TotalMilliseconds,
            (int)time.GetElapsedTime(copied, checkedAt).TotalMilliseconds, (int)time.GetElapsedTime(checkedAt).TotalMilliseconds);
        return Report(rows, created, already, errors, committed: true);
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
            var row = InvoiceImportRow.Parse(rows, c => CsvImportSupport.Field(reader, columns, c), rowErrors);
            errorCount += rowErrors.Count;
            CsvImportSupport.AddListed(errors, rowErrors);
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

    private ImportReport Report(int rows, int created, int already, List<ImportError> errors, bool committed) =>
        new(rows, created, already, errors.OrderBy(e => e.Row).Take(ImportLimits.MaxListedErrors).ToList(), Math.Max(errorCount, errors.Count), committed);
}
