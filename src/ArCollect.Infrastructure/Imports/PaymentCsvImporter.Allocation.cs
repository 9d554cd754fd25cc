using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Imports;

/// <summary>
/// Applies the imported payments to invoices with the rules of a payment recorded by hand.
/// <para>
/// Why batches through <see cref="PaymentAllocator"/> rather than one window-function statement: oldest-first allocation
/// alone is a running-sum overlap, but what an invoice asks for depends on the payment that reaches it (an early-payment
/// discount is offered only when that payment's date is inside the window and nothing has touched the invoice yet, and is
/// granted only when the payment settles the discounted amount), and a file may mix, for one customer, payments naming
/// invoices with payments applied oldest-first, each seeing what the rows before it left open. Expressed in SQL, that is
/// a second copy of the rules that would drift from <see cref="Payments.PaymentRecorder"/>'s; here both use the same allocator and
/// <see cref="EarlyPaymentDiscount"/> through <see cref="PaymentApplication"/>, so an imported payment and the same payment recorded by hand leave the same ledger.
/// </para>
/// <para>
/// Memory stays bounded: rows are read a page at a time ordered by customer then file row; each page locks and loads only
/// its customers' open invoices (one query), applies the payments in file order, and writes the results back by binary COPY.
/// Only the last customer of a page is carried over, as its payments may continue on the next page.
/// </para>
/// </summary>
public sealed partial class PaymentCsvImporter
{
    private const int PageRows = 5000;

    /// <summary>The tenant's discount tolerance, read once per import, as the manual recorder reads it per payment.</summary>
    private DiscountGrant grant = DiscountGrant.Default;

    private sealed record PendingPayment(int Row, Guid CustomerId, DateOnly ReceivedOn, decimal Amount, string Currency, Guid[] InvoiceIds, string[] InvoiceNumbers);

    private sealed record AllocationRow(int Row, Guid InvoiceId, decimal Amount, DateOnly? SettledOn);

    private sealed record DiscountRow(int Row, Invoice Invoice, decimal Amount, decimal Tax, DateOnly ReceivedOn);

    private sealed class Page
    {
        public List<(int Row, decimal Unapplied)> Results { get; } = [];
        public List<AllocationRow> Allocations { get; } = [];
        public List<DiscountRow> Discounts { get; } = [];
        public List<int> Refused { get; } = [];
    }

    private async Task<List<ImportError>> AllocateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var openByCustomer = new Dictionary<Guid, List<Invoice>>();
        var after = (Customer: Guid.Empty, Row: 0);
        var settings = await numbers.SettingsAsync(cancellationToken);
        var creditNotePattern = settings.CreditNotePattern;
        grant = new DiscountGrant(Tolerance: settings.EarlyPaymentTolerance);
        while (true)
        {
            var payments = await NextPageAsync(connection, after, cancellationToken);
            if (payments.Count == 0)
            {
                break;
            }

            after = (payments[^1].CustomerId, payments[^1].Row);
            foreach (var done in openByCustomer.Keys.Where(c => c != payments[0].CustomerId).ToList())
            {
                openByCustomer.Remove(done);
            }

            var customers = payments.Select(p => p.CustomerId).Distinct().Where(c => !openByCustomer.ContainsKey(c)).ToArray();
            var open = await db.Invoices
                .FromSql($"SELECT * FROM invoices WHERE tenant_id = {tenant.RequiredTenantId} AND customer_id = ANY({customers}) AND balance > 0 ORDER BY id FOR UPDATE")
                .AsNoTracking().ToListAsync(cancellationToken);
            foreach (var customer in customers)
            {
                openByCustomer[customer] = [];
            }

            foreach (var invoice in open)
            {
                openByCustomer[invoice.CustomerId].Add(invoice);
            }

            var page = new Page();
            foreach (var payment in payments)
            {
                Apply(payment, openByCustomer[payment.CustomerId], page, errors);
            }

            await WritePageAsync(connection, page, creditNotePattern, cancellationToken);
        }

        return errors;
    }

    private static async Task<List<PendingPayment>> NextPageAsync(NpgsqlConnection connection, (Guid Customer, int Row) after, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command($"""
            SELECT s.row_number, s.customer_id, s.received_on, s.amount, s.currency,
                   coalesce(array_agg(n.invoice_id ORDER BY n.position) FILTER (WHERE n.invoice_id IS NOT NULL), ARRAY[]::uuid[]),
                   coalesce(array_agg(n.invoice_number ORDER BY n.position) FILTER (WHERE n.invoice_id IS NOT NULL), ARRAY[]::text[])
            FROM (SELECT * FROM {Staging} WHERE valid AND NOT already AND (customer_id, row_number) > (@customer, @row)
                  ORDER BY customer_id, row_number LIMIT {PageRows}) s
            LEFT JOIN import_payment_invoices n ON n.row_number = s.row_number
            GROUP BY s.row_number, s.customer_id, s.received_on, s.amount, s.currency
            ORDER BY s.customer_id, s.row_number
            """, connection);
        command.Parameters.AddWithValue("customer", after.Customer);
        command.Parameters.AddWithValue("row", after.Row);
        var payments = new List<PendingPayment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            payments.Add(new PendingPayment(reader.GetInt32(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3),
                reader.GetString(4), reader.GetFieldValue<Guid[]>(5), reader.GetFieldValue<string[]>(6)));
        }

        return payments;
    }

    /// <summary>One payment, as <see cref="Payments.PaymentRecorder"/> applies it; the customer's invoices carry the result to the next row.</summary>
    private void Apply(PendingPayment payment, List<Invoice> invoices, Page page, List<ImportError> errors)
    {
        var application = new PaymentApplication(invoices, payment.ReceivedOn, grant);
        List<AllocationRequest>? requests = null;
        if (payment.InvoiceIds.Length > 0)
        {
            // Named invoices take the money in the order named, each up to what it asks for; the rest stays unapplied.
            requests = [];
            var remaining = payment.Amount;
            for (var i = 0; i < payment.InvoiceIds.Length; i++)
            {
                var item = application.OpenItems.FirstOrDefault(o => o.InvoiceId == payment.InvoiceIds[i]);
                if (item is null || item.OpenAmount <= 0m)
                {
                    Refuse(payment, page, errors,
                        $"Invoice {payment.InvoiceNumbers[i]} has nothing left to pay (paid, credited, written off or not issued): remove it, or leave the column empty to apply the payment to the oldest invoices.");
                    return;
                }

                var amount = Math.Min(remaining, item.OpenAmount);
                requests.Add(new AllocationRequest(item.InvoiceId, amount));
                remaining -= amount;
            }
        }

        var outcome = application.Apply(payment.Amount, payment.Currency, requests);
        if (!outcome.Succeeded)
        {
            Refuse(payment, page, errors, string.Join(" ", outcome.Errors));
            return;
        }

        foreach (var applied in outcome.Allocations)
        {
            if (applied.Discount > 0m)
            {
                page.Discounts.Add(new DiscountRow(payment.Row, applied.Invoice, applied.Discount, applied.DiscountTax, payment.ReceivedOn));
            }

            page.Allocations.Add(new AllocationRow(payment.Row, applied.Invoice.Id, applied.Amount, applied.Settled ? payment.ReceivedOn : null));
        }

        page.Results.Add((payment.Row, outcome.Unapplied));
    }

    private void Refuse(PendingPayment payment, Page page, List<ImportError> errors, string message)
    {
        errorCount++;
        page.Refused.Add(payment.Row);
        CsvImportSupport.AddListed(errors, [new ImportError(payment.Row, PaymentImportRow.InvoiceColumn, message)]);
    }

    private async Task WritePageAsync(NpgsqlConnection connection, Page page, string creditNotePattern, CancellationToken cancellationToken)
    {
        if (page.Refused.Count > 0)
        {
            await using var command = CsvImportSupport.Command($"UPDATE {Staging} SET valid = false WHERE row_number = ANY(@rows)", connection);
            command.Parameters.AddWithValue("rows", page.Refused.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Discount credit notes are numbered like those of manual payments, one statement per numbering scope (e.g. per year).
        var discountNumbers = new Dictionary<DiscountRow, string>();
        foreach (var scope in page.Discounts.GroupBy(d => InvoiceNumberPattern.Scope(creditNotePattern, d.ReceivedOn)))
        {
            var taken = await numbers.NextRangeAsync(DocumentSeries.CreditNote, scope.First().ReceivedOn, scope.Count(), cancellationToken);
            foreach (var (discount, number) in scope.Zip(taken))
            {
                discountNumbers[discount] = number;
            }
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_payment_results (row_number, unapplied) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (row, unapplied) in page.Results)
            {
                await copy.WriteRowAsync(cancellationToken, row, unapplied);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_payment_allocations (row_number, invoice_id, amount, settled_on) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in page.Allocations)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(a.Row, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(a.InvoiceId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(a.Amount, NpgsqlDbType.Numeric, cancellationToken);
                await (a.SettledOn is { } settled ? copy.WriteAsync(settled, NpgsqlDbType.Date, cancellationToken) : copy.WriteNullAsync(cancellationToken));
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_payment_discounts (row_number, invoice_id, customer_id, number, issue_date, amount, tax_amount, currency, reason) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var d in page.Discounts)
            {
                await copy.WriteRowAsync(cancellationToken, d.Row, d.Invoice.Id, d.Invoice.CustomerId, discountNumbers[d], d.ReceivedOn, d.Amount, d.Tax,
                    d.Invoice.Currency, $"Early-payment discount ({d.Invoice.Terms})");
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }
}
