using Npgsql;

namespace ArCollect.Infrastructure.Imports;

/// <summary>The set-based checks and the merge of a payment import, run against the staging tables.</summary>
public sealed partial class PaymentCsvImporter
{
    /// <summary>
    /// Marks references twice in the file, rows already imported, unknown customers, and named invoices that are unknown,
    /// of another customer or in another currency. Runs through the tenant's connection, so other tenants' rows are invisible.
    /// </summary>
    private async Task<List<ImportError>> CheckAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();

        // A uuid literal (fixed format, nothing from the file), so the helpers below stay parameterless.
        var tenantId = $"'{tenant.RequiredTenantId}'::uuid";
        await ReadErrorsAsync(connection, $"""
            WITH ranked AS (SELECT row_number, reference, min(row_number) OVER (PARTITION BY reference) AS first FROM {Staging} WHERE reference IS NOT NULL),
            marked AS (UPDATE {Staging} s SET valid = false FROM ranked r WHERE r.row_number = s.row_number AND r.first <> r.row_number AND s.valid
                       RETURNING s.row_number, s.reference, r.first)
            SELECT row_number, reference, first FROM marked ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.ReferenceColumn,
                $"Reference {r.GetString(1)} is already on row {r.GetInt32(2)}: each payment once per file."), errors, cancellationToken);

        // The bank's transaction id, when a row has one, is the payment's identity: twice in the file is refused on the
        // later row; already recorded with the same customer, date, amount and currency it is skipped (whatever the
        // reference says), with other data it is reported on its row, never skipped.
        await ReadErrorsAsync(connection, $"""
            WITH ranked AS (SELECT row_number, bank_transaction_id, min(row_number) OVER (PARTITION BY bank_transaction_id) AS first
                            FROM {Staging} WHERE bank_transaction_id IS NOT NULL),
            marked AS (UPDATE {Staging} s SET valid = false FROM ranked r WHERE r.row_number = s.row_number AND r.first <> r.row_number AND s.valid
                       RETURNING s.row_number, s.bank_transaction_id, r.first)
            SELECT row_number, bank_transaction_id, first FROM marked ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.BankTransactionColumn,
                $"Bank transaction {r.GetString(1)} is already on row {r.GetInt32(2)}: each transaction once per file."), errors, cancellationToken);
        await ReadErrorsAsync(connection, $"""
            WITH clash AS (
              SELECT s.row_number, s.bank_transaction_id, coalesce(c.external_id, c.name) AS customer, p.currency, p.amount, p.received_on
              FROM {Staging} s JOIN payments p ON p.tenant_id = {tenantId} AND p.bank_transaction_id = s.bank_transaction_id
              JOIN customers c ON c.tenant_id = p.tenant_id AND c.id = p.customer_id
              WHERE s.valid AND (c.external_id IS DISTINCT FROM s.customer_external_id OR p.received_on <> s.received_on
                                 OR p.amount <> s.amount OR p.currency <> s.currency)),
            marked AS (UPDATE {Staging} s SET valid = false FROM clash c WHERE c.row_number = s.row_number)
            SELECT row_number, bank_transaction_id, customer, currency, to_char(amount, 'FM999,999,999,999,990.00'), to_char(received_on, 'YYYY-MM-DD')
            FROM clash ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.BankTransactionColumn,
                $"Bank transaction {r.GetString(1)} is already recorded as {r.GetString(3).Trim()} {r.GetString(4)} from {r.GetString(2)} received {r.GetString(5)}, "
                + "and this row says otherwise: correct the row."), errors, cancellationToken);
        await CsvImportSupport.ExecuteAsync(connection, $"""
            UPDATE {Staging} s SET already = true
            WHERE s.valid AND s.bank_transaction_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = {tenantId} AND p.bank_transaction_id = s.bank_transaction_id);
            """, cancellationToken);

        // A reference already recorded is skipped only when the row says the same (customer, date, amount, currency);
        // the same reference with other data is a mistake in the file or a reused reference, reported on its row.
        await ReadErrorsAsync(connection, $"""
            WITH clash AS (
              SELECT s.row_number, s.reference, coalesce(c.external_id, c.name) AS customer, p.currency, p.amount, p.received_on
              FROM {Staging} s JOIN payments p ON p.tenant_id = {tenantId} AND p.reference = s.reference
              JOIN customers c ON c.tenant_id = p.tenant_id AND c.id = p.customer_id
              WHERE s.valid AND NOT s.already AND (c.external_id IS DISTINCT FROM s.customer_external_id OR p.received_on <> s.received_on
                                 OR p.amount <> s.amount OR p.currency <> s.currency)),
            marked AS (UPDATE {Staging} s SET valid = false FROM clash c WHERE c.row_number = s.row_number)
            SELECT row_number, reference, customer, currency, to_char(amount, 'FM999,999,999,999,990.00'), to_char(received_on, 'YYYY-MM-DD')
            FROM clash ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.ReferenceColumn,
                $"Reference {r.GetString(1)} is already recorded as {r.GetString(3).Trim()} {r.GetString(4)} from {r.GetString(2)} received {r.GetString(5)}, "
                + "and this row says otherwise: correct the row, or give a new payment its own reference."), errors, cancellationToken);
        await CsvImportSupport.ExecuteAsync(connection, $"""
            UPDATE {Staging} s SET already = true WHERE s.valid AND EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = {tenantId} AND p.reference = s.reference);
            UPDATE {Staging} s SET customer_id = c.id FROM customers c
            WHERE s.valid AND NOT s.already AND c.tenant_id = {tenantId} AND c.external_id = s.customer_external_id;
            """, cancellationToken);
        await ReadErrorsAsync(connection, $"""
            WITH unknown AS (
              UPDATE {Staging} s SET valid = false WHERE s.valid AND NOT s.already AND s.customer_id IS NULL
              RETURNING s.row_number, s.customer_external_id)
            SELECT row_number, customer_external_id FROM unknown ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.CustomerColumn,
                $"No customer has external id \"{r.GetString(1)}\": import or create the customer first, or correct the id."), errors, cancellationToken);

        await CsvImportSupport.ExecuteAsync(connection, $"""
            INSERT INTO import_payment_invoices (row_number, position, invoice_number)
            SELECT s.row_number, u.position, u.number FROM {Staging} s CROSS JOIN LATERAL unnest(s.invoice_numbers) WITH ORDINALITY AS u(number, position)
            WHERE s.valid AND NOT s.already;
            UPDATE import_payment_invoices n SET invoice_id = i.id, customer_id = i.customer_id, currency = i.currency
            FROM invoices i WHERE i.tenant_id = {tenantId} AND i.number = n.invoice_number;
            CREATE INDEX ON import_payment_invoices (row_number);
            ANALYZE import_payment_invoices;
            """, cancellationToken);
        await ReadErrorsAsync(connection, $"""
            WITH problems AS (
              SELECT n.row_number, n.position, n.invoice_number, s.currency AS payment_currency, n.currency AS invoice_currency,
                     s.customer_external_id, c.external_id AS invoice_customer,
                     CASE WHEN n.invoice_id IS NULL THEN 'unknown' WHEN n.customer_id <> s.customer_id THEN 'customer'
                          WHEN n.currency <> s.currency THEN 'currency' END AS problem
              FROM import_payment_invoices n JOIN {Staging} s ON s.row_number = n.row_number
              LEFT JOIN customers c ON c.tenant_id = {tenantId} AND c.id = n.customer_id),
            marked AS (
              UPDATE {Staging} s SET valid = false
              WHERE s.row_number IN (SELECT row_number FROM problems WHERE problem IS NOT NULL))
            SELECT row_number, invoice_number, problem, payment_currency, invoice_currency, customer_external_id, coalesce(invoice_customer, '')
            FROM problems WHERE problem IS NOT NULL ORDER BY row_number, position LIMIT {ImportLimits.MaxListedErrors}
            """, r => new(r.GetInt32(0), PaymentImportRow.InvoiceColumn, r.GetString(2) switch
        {
            "unknown" => $"No invoice has number \"{r.GetString(1)}\": correct it, or leave the column empty to apply the payment to the oldest invoices.",
            "customer" => $"Invoice {r.GetString(1)} is billed to {(r.GetString(6).Length == 0 ? "another customer" : r.GetString(6))}, not to {r.GetString(5)}: correct the invoice number or the customer.",
            _ => $"Invoice {r.GetString(1)} is in {r.GetString(4)}; a {r.GetString(3)} payment cannot be applied to it.",
        }), errors, cancellationToken);

        // Allocation pages through the rows by customer.
        await CsvImportSupport.ExecuteAsync(connection, $"CREATE INDEX ON {Staging} (customer_id, row_number) WHERE valid AND NOT already", cancellationToken);
        return errors;
    }

    private async Task ReadErrorsAsync(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, ImportError> error, List<ImportError> errors, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errorCount++;
            errors.Add(error(reader));
        }
    }

    private static async Task<(int Invalid, int Already)> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command($"SELECT count(*) FILTER (WHERE NOT valid)::int, count(*) FILTER (WHERE valid AND already)::int FROM {Staging}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Writes what allocation decided: payments, allocations, discount credit notes, the invoices' paid and credited amounts
    /// and settlement dates, a timeline entry per payment and audit entries; returns the number of payments created.
    /// </summary>
    private async Task<int> MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command($"""
            UPDATE {Staging} s SET payment_id = gen_random_uuid() FROM import_payment_results r WHERE r.row_number = s.row_number AND s.valid AND NOT s.already;
            ANALYZE {Staging}, import_payment_results, import_payment_allocations, import_payment_discounts;

            WITH paid AS (
              SELECT a.invoice_id, sum(a.amount) AS paid, max(a.settled_on) AS settled_on
              FROM import_payment_allocations a JOIN {Staging} s ON s.row_number = a.row_number WHERE s.payment_id IS NOT NULL
              GROUP BY a.invoice_id),
            credited AS (SELECT invoice_id, sum(amount) AS credited FROM import_payment_discounts GROUP BY invoice_id),
            changes AS (
              SELECT p.invoice_id, p.paid, p.settled_on, coalesce(c.credited, 0) AS credited
              FROM paid p LEFT JOIN credited c ON c.invoice_id = p.invoice_id),
            audit AS (
              INSERT INTO audit_entries (tenant_id, at, user_id, entity_type, entity_id, action, details)
              SELECT @tenant, @now, @user, 'Invoice', i.id, 'Modified', jsonb_strip_nulls(jsonb_build_object(
                       'AmountPaid', jsonb_build_object('from', i.amount_paid, 'to', i.amount_paid + c.paid),
                       'AmountCredited', CASE WHEN c.credited > 0 THEN jsonb_build_object('from', i.amount_credited, 'to', i.amount_credited + c.credited) END,
                       'SettledOn', CASE WHEN c.settled_on IS NOT NULL THEN jsonb_build_object('from', i.settled_on, 'to', c.settled_on) END))
              FROM invoices i JOIN changes c ON c.invoice_id = i.id WHERE i.tenant_id = @tenant)
            UPDATE invoices i SET amount_paid = i.amount_paid + c.paid, amount_credited = i.amount_credited + c.credited,
                                  settled_on = coalesce(c.settled_on, i.settled_on), updated_at = @now
            FROM changes c WHERE i.tenant_id = @tenant AND c.invoice_id = i.id;

            WITH pay AS (
              INSERT INTO payments (id, tenant_id, customer_id, reference, bank_transaction_id, received_on, amount, currency, method, unapplied_amount, created_at)
              SELECT s.payment_id, @tenant, s.customer_id, s.reference, s.bank_transaction_id, s.received_on, s.amount, s.currency, s.method, r.unapplied, @now
              FROM {Staging} s JOIN import_payment_results r ON r.row_number = s.row_number WHERE s.payment_id IS NOT NULL
              RETURNING id, customer_id, reference, bank_transaction_id, received_on, amount, currency, unapplied_amount),
            alloc AS (
              INSERT INTO payment_allocations (id, tenant_id, payment_id, invoice_id, amount)
              SELECT gen_random_uuid(), @tenant, s.payment_id, a.invoice_id, a.amount
              FROM import_payment_allocations a JOIN {Staging} s ON s.row_number = a.row_number WHERE s.payment_id IS NOT NULL
              RETURNING id, payment_id, invoice_id, amount),
            credit AS (
              INSERT INTO credit_notes (id, tenant_id, customer_id, invoice_id, number, issue_date, amount, tax_amount, currency, reason, created_at)
              SELECT gen_random_uuid(), @tenant, d.customer_id, d.invoice_id, d.number, d.issue_date, d.amount, d.tax_amount, d.currency, d.reason, @now
              FROM import_payment_discounts d JOIN {Staging} s ON s.row_number = d.row_number WHERE s.payment_id IS NOT NULL
              RETURNING id, invoice_id, number, amount),
            applied AS (SELECT payment_id, count(*) AS invoices FROM alloc GROUP BY payment_id),
            timeline AS (
              INSERT INTO activities (id, tenant_id, customer_id, type, at, summary, user_id)
              SELECT gen_random_uuid(), @tenant, p.customer_id, 'Payment', @now,
                     'Payment of ' || p.currency || ' ' || to_char(p.amount, 'FM999,999,999,999,990.00') || ' received ' || to_char(p.received_on, 'YYYY-MM-DD')
                     || ' (ref ' || p.reference || '): applied to ' || coalesce(a.invoices, 0) || ' invoice(s)'
                     || CASE WHEN p.unapplied_amount > 0 THEN ', ' || to_char(p.unapplied_amount, 'FM999,999,999,999,990.00') || ' unapplied' ELSE '' END,
                     @user
              FROM pay p LEFT JOIN applied a ON a.payment_id = p.id),
            audit AS (
              INSERT INTO audit_entries (tenant_id, at, user_id, entity_type, entity_id, action, details)
              SELECT @tenant, @now, @user, 'Payment', p.id, 'Imported',
                     jsonb_strip_nulls(jsonb_build_object('Reference', p.reference, 'BankTransactionId', p.bank_transaction_id, 'Amount', p.amount, 'Currency', p.currency, 'ReceivedOn', p.received_on, 'UnappliedAmount', p.unapplied_amount))
              FROM pay p
              UNION ALL
              SELECT @tenant, @now, @user, 'PaymentAllocation', a.id, 'Imported', jsonb_build_object('PaymentId', a.payment_id, 'InvoiceId', a.invoice_id, 'Amount', a.amount)
              FROM alloc a
              UNION ALL
              SELECT @tenant, @now, @user, 'CreditNote', c.id, 'Imported', jsonb_build_object('Number', c.number, 'InvoiceId', c.invoice_id, 'Amount', c.amount)
              FROM credit c)
            SELECT count(*)::int FROM pay;
            """, connection);
        command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        command.Parameters.AddWithValue("user", (object?)tenant.UserId ?? DBNull.Value);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
