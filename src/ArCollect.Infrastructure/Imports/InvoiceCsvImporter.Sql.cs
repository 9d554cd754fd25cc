using Npgsql;

namespace ArCollect.Infrastructure.Imports;

/// <summary>The set-based checks and the merge of an invoice import, run against the staging table.</summary>
public sealed partial class InvoiceCsvImporter
{
    private static readonly string NetSql = "round(r.quantity * r.unit_price, 2)";
    private static readonly string TaxSql = $"round({NetSql} * r.tax_rate / 100, 2)";

    /// <summary>Marks rows of unknown customers and of invoices whose rows disagree (customer, dates, currency, terms).</summary>
    private async Task<List<ImportError>> CheckAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        await using (var command = CsvImportSupport.Command($"""
            WITH unknown AS (
              UPDATE {Staging} r SET valid = false
              WHERE r.valid AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.tenant_id = @tenant AND c.external_id = r.customer_external_id)
              RETURNING r.row_number, r.customer_external_id)
            SELECT row_number, customer_external_id FROM unknown ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, connection))
        {
            command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                errorCount++;
                errors.Add(new(reader.GetInt32(0), InvoiceImportRow.CustomerColumn,
                    $"No customer has external id \"{reader.GetString(1)}\": import or create the customer first, or correct the id."));
            }
        }

        await using (var command = CsvImportSupport.Command($"""
            WITH bad AS (
              SELECT invoice_number FROM {Staging} WHERE valid GROUP BY invoice_number
              HAVING count(DISTINCT (customer_external_id, issue_date, due_date, currency, coalesce(terms, ''))) > 1),
            marked AS (
              UPDATE {Staging} r SET valid = false FROM bad WHERE r.invoice_number = bad.invoice_number AND r.valid
              RETURNING r.row_number, r.invoice_number)
            SELECT row_number, invoice_number FROM marked ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                errorCount++;
                errors.Add(new(reader.GetInt32(0), InvoiceImportRow.NumberColumn,
                    $"The rows of invoice {reader.GetString(1)} disagree on customer, dates, currency or terms: make them the same on every line."));
            }
        }

        return errors;
    }

    private static async Task<(int Invalid, int Total)> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command($"SELECT count(*) FILTER (WHERE NOT valid)::int, count(*)::int FROM {Staging}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Leaves out whole invoices with any bad row, so no invoice is imported with lines missing.</summary>
    private static async Task<List<ImportError>> DropInvoicesWithErrorsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        await using var command = CsvImportSupport.Command($"""
            WITH dropped AS (
              DELETE FROM {Staging} r WHERE r.invoice_number IN (SELECT invoice_number FROM {Staging} WHERE NOT valid)
              RETURNING r.row_number, r.invoice_number, r.valid)
            SELECT row_number, invoice_number FROM dropped WHERE valid ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new(reader.GetInt32(0), InvoiceImportRow.NumberColumn,
                $"Not imported: another row of invoice {reader.GetString(1)} has errors; fix it and import the file again."));
        }

        return errors;
    }

    /// <summary>
    /// Ids in insertion order: a UUIDv7 prefix (time, random bits) made once per import and the row's ordinal in the
    /// last 48 bits. Each primary-key insert then lands on the rightmost index page instead of a random one.
    /// </summary>
    private static string OrderedId(string prefix, string ordinal) => $"({prefix} || lpad(to_hex({ordinal}), 12, '0'))::uuid";

    private static string IdPrefix() => Guid.CreateVersion7().ToString("N")[..20];

    /// <summary>
    /// Creates the invoices not there yet and their lines; returns created and already-present counts. Imports of one
    /// tenant queue on an advisory lock, so numbers found new here stay new until commit (any other writer of the same
    /// number makes the insert fail on the unique index, and the import rolls back). Because the set of new invoices
    /// is settled first, the invoice ids follow from each number's rank and the lines are inserted on their own,
    /// without ON CONFLICT (no speculative insertion) and without joining back to the inserted invoices.
    /// </summary>
    private async Task<(int Created, int Already)> MergeAsync(NpgsqlConnection connection, Guid importId, CancellationToken cancellationToken)
    {
        await using (var command = CsvImportSupport.Command("SELECT pg_advisory_xact_lock(hashtextextended('invoice-import:' || @tenant::text, 0))", connection))
        {
            command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        int already;
        await using (var command = CsvImportSupport.Command($"""
            WITH present AS (
              DELETE FROM {Staging} r WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.tenant_id = @tenant AND i.number = r.invoice_number)
              RETURNING r.invoice_number)
            SELECT count(DISTINCT invoice_number)::int FROM present
            """, connection))
        {
            command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
            already = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var invoiceIds = IdPrefix();
        int created;
        await using (var command = CsvImportSupport.Command($"""
            INSERT INTO invoices (id, tenant_id, customer_id, number, state, terms, issue_date, due_date, currency, subtotal, tax_total, total,
                                  amount_paid, amount_credited, amount_written_off, is_disputed, created_at, updated_at, import_id)
            SELECT {OrderedId("@invoice_ids", "g.rank")}, @tenant, c.id, g.invoice_number, 'Issued', g.terms, g.issue_date, g.due_date, g.currency,
                   g.subtotal, g.tax, g.subtotal + g.tax, 0, 0, 0, false, @now, @now, @import
            FROM (SELECT r.invoice_number, row_number() OVER (ORDER BY r.invoice_number) AS rank,
                         min(r.customer_external_id) AS external_id, min(r.issue_date) AS issue_date, min(r.due_date) AS due_date,
                         min(r.currency) AS currency, min(r.terms) AS terms, sum({NetSql}) AS subtotal, sum({TaxSql}) AS tax
                  FROM {Staging} r GROUP BY r.invoice_number) g
            JOIN customers c ON c.tenant_id = @tenant AND c.external_id = g.external_id
            """, connection))
        {
            command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("import", importId);
            command.Parameters.AddWithValue("invoice_ids", invoiceIds);
            created = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // An invoice left out above (its customer gone meanwhile) has no id for its lines: the foreign key refuses them.
        await using (var command = CsvImportSupport.Command($"""
            INSERT INTO invoice_lines (id, tenant_id, invoice_id, line_number, description, quantity, unit_price, tax_rate, net_amount, tax_amount)
            SELECT {OrderedId("@line_ids", "row_number() OVER (ORDER BY r.invoice_number, r.row_number)")}, @tenant,
                   {OrderedId("@invoice_ids", "dense_rank() OVER (ORDER BY r.invoice_number)")},
                   row_number() OVER (PARTITION BY r.invoice_number ORDER BY r.row_number)::int,
                   r.description, r.quantity, r.unit_price, r.tax_rate, {NetSql}, {TaxSql}
            FROM {Staging} r
            """, connection))
        {
            command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
            command.Parameters.AddWithValue("invoice_ids", invoiceIds);
            command.Parameters.AddWithValue("line_ids", IdPrefix());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (created, already);
    }

    /// <summary>
    /// One audit entry for the whole import (entity id = the import id, which every created invoice carries in
    /// import_id): who imported, when, in which mode, and the counts.
    /// </summary>
    private async Task AuditAsync(NpgsqlConnection connection, Guid importId, ImportMode mode, int rows, int created, int already, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command("""
            INSERT INTO audit_entries (tenant_id, at, user_id, entity_type, entity_id, action, details)
            VALUES (@tenant, @now, @user, 'InvoiceImport', @import, 'Imported',
                    jsonb_build_object('ImportId', @import, 'Mode', @mode, 'RowsRead', @rows, 'Created', @created, 'AlreadyImported', @already))
            """, connection);
        command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("user", (object?)tenant.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("import", importId);
        command.Parameters.AddWithValue("mode", mode.ToString());
        command.Parameters.AddWithValue("rows", rows);
        command.Parameters.AddWithValue("created", created);
        command.Parameters.AddWithValue("already", already);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
