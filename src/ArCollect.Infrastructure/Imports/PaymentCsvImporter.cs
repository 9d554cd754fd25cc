using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Imports;

/// <summary>
/// Imports payments from CSV in the shape of the invoice import: rows are parsed as they stream in and go through binary
/// COPY into a temporary staging table; unknown customers and invoices, invoices of another customer or currency and
/// references twice in the file are found with SQL; the money is applied to invoices exactly as a payment recorded by hand
/// (see <see cref="AllocateAsync"/>); payments, allocations, discount credit notes, invoice balances, timeline and audit
/// entries are then written with set-based SQL. Keyed on the payment reference, so importing the same file again creates
/// nothing. All in one transaction: a failed import leaves the database as it was.
/// </summary>
public sealed partial class PaymentCsvImporter(
    ArCollectDbContext db, TenantContext tenant, TimeProvider time, DocumentNumbers numbers, ILogger<PaymentCsvImporter> logger)
{
    private const string Staging = "import_payment_rows";

    // Problems found, counted even beyond the listed ones.
    private int errorCount;

    public Task<ImportReport> ImportAsync(Stream csv, ImportMode mode, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        return CsvImportSupport.RunAsync(db, csv, PaymentImportRow.Required, PaymentImportRow.Optional, mapping,
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
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await CreateTablesAsync(connection, cancellationToken);
            var started = time.GetTimestamp();
            var rows = await CopyAsync(connection, reader, columns, errors, cancellationToken);
            var copied = time.GetTimestamp();
            // Temporary tables are never analysed automatically; without statistics the planner would join blindly.
            await CsvImportSupport.ExecuteAsync(connection, $"ANALYZE {Staging}", cancellationToken);
            CsvImportSupport.AddListed(errors, await CheckAsync(connection, cancellationToken));
            var checkedAt = time.GetTimestamp();
            CsvImportSupport.AddListed(errors, await AllocateAsync(connection, cancellationToken));
            var allocated = time.GetTimestamp();
            var (invalidRows, already) = await CountAsync(connection, cancellationToken);
            if (invalidRows > 0 && (mode == ImportMode.AllOrNothing || invalidRows == rows))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Report(rows, 0, 0, errors, committed: false);
            }

            var created = await MergeAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation(
                "Imported {Created} payments from {Rows} rows for {TenantId}: read and copy {CopyMs} ms, checks {CheckMs} ms, allocation {AllocateMs} ms, merge {MergeMs} ms",
                created, rows, tenant.TenantId, (int)time.GetElapsedTime(started, copied).TotalMilliseconds,
                (int)time.GetElapsedTime(copied, checkedAt).TotalMilliseconds, (int)time.GetElapsedTime(checkedAt, allocated).TotalMilliseconds,
                (int)time.GetElapsedTime(allocated).TotalMilliseconds);
            return Report(rows, created, already, errors, committed: true);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Only a payment recorded with one of the file's references (or bank transaction ids) while the import ran gets
            // here; the transaction is gone.
            logger.LogWarning(ex, "Payment import for {TenantId} met a reference recorded meanwhile", tenant.TenantId);
            errors.Add(new ImportError(0, PaymentImportRow.ReferenceColumn,
                "A payment with one of the file's references was recorded while the import ran. Nothing was imported: import the file again."));
            errorCount++;
            return Report(0, 0, 0, errors, committed: false);
        }
    }

    private static Task CreateTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => CsvImportSupport.ExecuteAsync(connection, $"""
        CREATE TEMP TABLE {Staging} (row_number int PRIMARY KEY, valid boolean, reference text, customer_external_id text, received_on date,
          amount numeric, currency text, method text, invoice_numbers text[], customer_id uuid, already boolean NOT NULL DEFAULT false,
          payment_id uuid, bank_transaction_id text) ON COMMIT DROP;
        -- The invoices a row names, in the order named.
        CREATE TEMP TABLE import_payment_invoices (row_number int, position int, invoice_number text, invoice_id uuid, customer_id uuid,
          currency text) ON COMMIT DROP;
        -- What applying each payment did: the rest left unapplied, the allocations, the early-payment discounts granted.
        CREATE TEMP TABLE import_payment_results (row_number int PRIMARY KEY, unapplied numeric) ON COMMIT DROP;
        CREATE TEMP TABLE import_payment_allocations (row_number int, invoice_id uuid, amount numeric, settled_on date) ON COMMIT DROP;
        CREATE TEMP TABLE import_payment_discounts (row_number int, invoice_id uuid, customer_id uuid, number text, issue_date date,
          amount numeric, tax_amount numeric, currency text, reason text) ON COMMIT DROP;
        """, cancellationToken);

    private async Task<int> CopyAsync(NpgsqlConnection connection, CsvReader reader, Dictionary<string, int> columns, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var rows = 0;
        var validator = new RecordPaymentInputValidator(time);
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (row_number, valid, reference, bank_transaction_id, customer_external_id, received_on, amount, currency, method, invoice_numbers) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        var rowErrors = new List<ImportError>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows = (int)reader.RowNumber;
            rowErrors.Clear();
            var row = PaymentImportRow.Parse(rows, c => CsvImportSupport.Field(reader, columns, c), validator, rowErrors);
            errorCount += rowErrors.Count;
            CsvImportSupport.AddListed(errors, rowErrors);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Row, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(row.Valid, NpgsqlDbType.Boolean, cancellationToken);
            // The reference is kept on bad rows too: a later row with the same reference is still a duplicate.
            await (row.Reference.Length == 0 ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(row.Reference, NpgsqlDbType.Text, cancellationToken));
            await (row.BankTransactionId.Length == 0 ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(row.BankTransactionId, NpgsqlDbType.Text, cancellationToken));
            if (!row.Valid)
            {
                for (var i = 0; i < 6; i++)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                continue;
            }

            await copy.WriteAsync(row.CustomerExternalId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.ReceivedOn, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(row.Amount, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(row.Currency, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Method.ToString(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.InvoiceNumbers, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    private ImportReport Report(int rows, int created, int already, List<ImportError> errors, bool committed) =>
        new(rows, created, already, errors.OrderBy(e => e.Row).Take(ImportLimits.MaxListedErrors).ToList(), Math.Max(errorCount, errors.Count), committed);
}
