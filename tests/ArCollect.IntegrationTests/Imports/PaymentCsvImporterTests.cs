using System.Text;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Imports;

public sealed class PaymentCsvImporterTests : IAsyncLifetime
{
    private const string Header = "reference,customer_external_id,received_on,amount,currency,method,invoice_number\n";
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>Acme (C-1) owes INV-1 100 due 30 Apr, INV-2 200 due 31 May, INV-3 300 due 30 Jun; Globex (C-2) owes INV-4 400 in USD.</summary>
    private async Task<(Guid Tenant, Guid Acme)> NewLedgerAsync(string name = "Payments Import GmbH")
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, name);
        var acme = await CustomerAsync(tenant, "Acme", "C-1");
        var globex = await CustomerAsync(tenant, "Globex", "C-2");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-1", 100m, new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-2", 200m, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-3", 300m, new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 30));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, globex, "INV-4", 400m, new DateOnly(2026, 5, 31), new DateOnly(2026, 6, 30), "USD");
        return (tenant, acme);
    }

    private async Task<Guid> CustomerAsync(Guid tenant, string name, string externalId)
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
        await using var scope = db.ForTenant(tenant);
        await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, externalId));
        return customer.Id;
    }

    private async Task<ImportReport> ImportAsync(Guid tenant, byte[] csv, ImportMode mode = ImportMode.AllOrNothing, Dictionary<string, string>? mapping = null)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<PaymentCsvImporter>().ImportAsync(new MemoryStream(csv), mode, mapping, CancellationToken.None);
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<List<(string Number, decimal Paid, decimal Credited, decimal Balance, DateOnly? Settled)>> InvoicesAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return (await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).ToListAsync())
            .Select(i => (i.Number, i.AmountPaid, i.AmountCredited, i.Balance, i.SettledOn)).ToList();
    }

    private async Task<List<(string? Reference, decimal Amount, decimal Unapplied, PaymentMethod Method, string Allocations)>> PaymentsAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        var payments = await scope.Db.Payments.AsNoTracking().Include(p => p.Allocations).OrderBy(p => p.Reference).ToListAsync();
        var numbers = await scope.Db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Number);
        return payments.Select(p => (p.Reference, p.Amount, p.UnappliedAmount, p.Method,
            string.Join(" ", p.Allocations.OrderBy(a => numbers[a.InvoiceId], StringComparer.Ordinal).Select(a => $"{numbers[a.InvoiceId]}={a.Amount:0.00}")))).ToList();
    }

    [Fact]
    public async Task Payments_are_applied_oldest_first_with_the_rest_unapplied_and_a_second_import_changes_nothing()
    {
        var (tenant, _) = await NewLedgerAsync();
        var csv = Csv(Header
            + "BANK-1,C-1,2026-06-10,250.00,EUR,,\n"
            + "BANK-2,C-1,2026-06-12,400,eur,Card,\n");

        var first = await ImportAsync(tenant, csv);
        var ledger = await InvoicesAsync(tenant);
        var second = await ImportAsync(tenant, csv);

        Assert.True(first.Committed);
        Assert.Equal((2, 2, 0, 0), (first.RowsRead, first.Created, first.AlreadyImported, first.ErrorCount));
        Assert.True(second.Committed);
        Assert.Equal((0, 2, 0), (second.Created, second.AlreadyImported, second.ErrorCount));
        // BANK-1 250: INV-1 100 (settled), INV-2 150. BANK-2 400: INV-2's last 50, INV-3 300, 50 left unapplied.
        Assert.Equal(
            [("INV-1", 100m, 0m, 0m, new DateOnly(2026, 6, 10)), ("INV-2", 200m, 0m, 0m, new DateOnly(2026, 6, 12)),
             ("INV-3", 300m, 0m, 0m, new DateOnly(2026, 6, 12)), ("INV-4", 0m, 0m, 400m, null)],
            ledger);
        Assert.Equal(ledger, await InvoicesAsync(tenant));
        Assert.Equal(
            [("BANK-1", 250m, 0m, PaymentMethod.BankTransfer, "INV-1=100.00 INV-2=150.00"), ("BANK-2", 400m, 50m, PaymentMethod.Card, "INV-2=50.00 INV-3=300.00")],
            await PaymentsAsync(tenant));
        await using var scope = db.ForTenant(tenant);
        // 2 payments + 4 allocations imported, INV-1, INV-2, INV-3 modified: nothing added by the second import.
        Assert.Equal(6, await scope.Db.AuditEntries.CountAsync(a => a.Action == "Imported"));
        Assert.Equal(3, await scope.Db.AuditEntries.CountAsync(a => a.Action == "Modified" && a.EntityType == "Invoice"));
        var timeline = await scope.Db.Activities.AsNoTracking().OrderBy(a => a.Summary).Select(a => a.Summary).ToListAsync();
        Assert.Equal(
            ["Payment of EUR 250.00 received 2026-06-10 (ref BANK-1): applied to 2 invoice(s)",
             "Payment of EUR 400.00 received 2026-06-12 (ref BANK-2): applied to 2 invoice(s), 50.00 unapplied"],
            timeline);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Named_invoices_take_the_money_in_the_order_named_and_the_rest_stays_unapplied()
    {
        var (tenant, _) = await NewLedgerAsync();
        var csv = Csv(Header
            + "N-1,C-1,2026-06-10,120,EUR,bank transfer,INV-3\n"
            + "N-2,C-1,2026-06-11,250,EUR,,INV-2; INV-1\n"
            + "N-3,C-1,2026-06-12,500,EUR,direct_debit,INV-3\n");

        var report = await ImportAsync(tenant, csv);

        Assert.True(report.Committed, string.Join("; ", report.Errors.Select(e => e.Message)));
        // N-1: INV-3 120 of 300 although INV-1 is older. N-2: INV-2 200 in full, then INV-1 50.
        // N-3: INV-3's remaining 180; 320 unapplied rather than spread over INV-1.
        Assert.Equal(
            [("N-1", 120m, 0m, PaymentMethod.BankTransfer, "INV-3=120.00"), ("N-2", 250m, 0m, PaymentMethod.BankTransfer, "INV-1=50.00 INV-2=200.00"),
             ("N-3", 500m, 320m, PaymentMethod.DirectDebit, "INV-3=180.00")],
            await PaymentsAsync(tenant));
        Assert.Equal(
            [("INV-1", 50m, 0m, 50m, null), ("INV-2", 200m, 0m, 0m, new DateOnly(2026, 6, 11)),
             ("INV-3", 300m, 0m, 0m, new DateOnly(2026, 6, 12)), ("INV-4", 0m, 0m, 400m, null)],
            await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task An_imported_file_leaves_the_same_ledger_as_recording_its_payments_by_hand_including_the_early_payment_discount()
    {
        var imported = await DiscountLedgerAsync("Imported AG");
        var manual = await DiscountLedgerAsync("By Hand AG");
        var csv = Csv(Header
            + "D-1,C-1,2026-06-05,350,EUR,,\n"
            + $"D-2,C-1,2026-06-08,980,EUR,,{imported.Discounted}\n"
            + "D-3,C-1,2026-06-12,600,EUR,,\n");

        var report = await ImportAsync(imported.Tenant, csv);
        await using (var scope = db.ForTenant(manual.Tenant))
        {
            var recorder = scope.Services.GetRequiredService<PaymentRecorder>();
            var discountedId = await scope.Db.Invoices.Where(i => i.Number == manual.Discounted).Select(i => i.Id).SingleAsync();
            foreach (var (reference, on, amount, allocations) in new[]
                     {
                         ("D-1", new DateOnly(2026, 6, 5), 350m, new List<AllocationRequest>()),
                         ("D-2", new DateOnly(2026, 6, 8), 980m, [new AllocationRequest(discountedId, 980m)]),
                         ("D-3", new DateOnly(2026, 6, 12), 600m, []),
                     })
            {
                var result = await recorder.RecordAsync(new RecordPaymentInput
                {
                    CustomerId = manual.Customer,
                    Amount = amount,
                    Currency = "EUR",
                    ReceivedOn = on,
                    Reference = reference,
                    Allocations = allocations,
                }, CancellationToken.None);
                Assert.True(result.Succeeded);
            }
        }

        Assert.True(report.Committed, string.Join("; ", report.Errors.Select(e => e.Message)));
        // D-1 350 oldest first: A (300, due 15 May) settled, B (500, due 20 Jun) gets 50. D-2 980 names the 2/10 Net 30 invoice
        // of 1,000 issued 1 Jun: inside the window, so 980 settles it with a 20 discount credit. D-3 600: B's last 450, 150 unapplied.
        var expected = new List<(string, decimal, decimal, decimal, DateOnly?)>
        {
            ("A-1", 300m, 0m, 0m, new DateOnly(2026, 6, 5)), ("B-1", 500m, 0m, 0m, new DateOnly(2026, 6, 12)),
            (imported.Discounted, 980m, 20m, 0m, new DateOnly(2026, 6, 8)),
        };
        Assert.Equal(expected, await InvoicesAsync(imported.Tenant));
        Assert.Equal(expected, await InvoicesAsync(manual.Tenant));
        Assert.Equal(await PaymentsAsync(manual.Tenant), await PaymentsAsync(imported.Tenant));
        Assert.Equal(150m, (await PaymentsAsync(imported.Tenant))[2].Unapplied);
        foreach (var tenant in new[] { imported.Tenant, manual.Tenant })
        {
            await using var scope = db.ForTenant(tenant);
            var credit = await scope.Db.CreditNotes.AsNoTracking().SingleAsync();
            Assert.Equal(("CN-2026-00001", 20m, new DateOnly(2026, 6, 8), "Early-payment discount (2/10 Net 30)"), (credit.Number, credit.Amount, credit.IssueDate, credit.Reason));
        }
    }

    private async Task<(Guid Tenant, Guid Customer, string Discounted)> DiscountLedgerAsync(string name)
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, name);
        var customer = await CustomerAsync(tenant, "Prompt Payer", "C-1");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "A-1", 300m, new DateOnly(2026, 4, 15), new DateOnly(2026, 5, 15));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "B-1", 500m, new DateOnly(2026, 5, 21), new DateOnly(2026, 6, 20));
        var discounted = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30");
        return (tenant, customer, discounted.Number);
    }

    private const string MixedRows =
        "OK-1,C-1,2026-06-10,100,EUR,,\n"
        + "BAD-2,C-1,10.06.2026,100,EUR,,\n"
        + "BAD-3,C-1,2026-06-10,\"1.234,50\",EUR,,\n"
        + "BAD-4,C-1,2026-06-10,0,EUR,,\n"
        + "BAD-5,C-1,2026-06-10,-5,EUR,,\n"
        + "BAD-6,C-9,2026-06-10,10,EUR,,\n"
        + "BAD-7,C-1,2026-06-10,10,EUR,,INV-99\n"
        + "BAD-8,C-1,2026-06-10,10,EUR,,INV-4\n"
        + "BAD-9,C-2,2026-06-10,10,EUR,,INV-4\n"
        + "OK-1,C-1,2026-06-10,10,EUR,,\n"
        + "BAD-11,C-1,2026-06-10,10,EUR,by pigeon,\n"
        + "BAD-12,C-1,2026-07-30,10,EUR,,\n"
        + "OK-13,C-2,2026-06-11,40,USD,Cheque,INV-4\n";

    private static readonly (int, string)[] MixedErrors =
    [
        (2, "received_on"), (3, "amount"), (4, "amount"), (5, "amount"), (6, "customer_external_id"), (7, "invoice_number"),
        (8, "invoice_number"), (9, "invoice_number"), (10, "reference"), (11, "method"), (12, "received_on"),
    ];

    [Fact]
    public async Task All_or_nothing_reports_every_bad_row_and_changes_nothing()
    {
        var (tenant, _) = await NewLedgerAsync();
        var before = await InvoicesAsync(tenant);
        int auditBefore;
        await using (var scope = db.ForTenant(tenant))
        {
            auditBefore = await scope.Db.AuditEntries.CountAsync();
        }

        var report = await ImportAsync(tenant, Csv(Header + MixedRows));

        Assert.False(report.Committed);
        Assert.Equal((13, 0), (report.RowsRead, report.Created));
        Assert.Equal(MixedErrors, report.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("yyyy-MM-dd", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("use a point for decimals", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("more than zero", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("No customer has external id \"C-9\"", report.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("No invoice has number \"INV-99\"", report.Errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("billed to C-2, not to C-1", report.Errors[6].Message, StringComparison.Ordinal);
        Assert.Contains("Invoice INV-4 is in USD; a EUR payment", report.Errors[7].Message, StringComparison.Ordinal);
        Assert.Contains("already on row 1", report.Errors[8].Message, StringComparison.Ordinal);
        Assert.Contains("future", report.Errors[10].Message, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(tenant));
        Assert.Equal(before, await InvoicesAsync(tenant));
        await using var after = db.ForTenant(tenant);
        Assert.Equal(auditBefore, await after.Db.AuditEntries.CountAsync());
        Assert.Equal(0, await after.Db.Activities.CountAsync());
    }

    [Fact]
    public async Task Valid_rows_mode_imports_exactly_the_valid_rows()
    {
        var (tenant, _) = await NewLedgerAsync();

        var report = await ImportAsync(tenant, Csv(Header + MixedRows), ImportMode.ValidRows);

        Assert.True(report.Committed);
        Assert.Equal((13, 2, 11), (report.RowsRead, report.Created, report.ErrorCount));
        Assert.Equal(MixedErrors, report.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal(
            [("OK-1", 100m, 0m, PaymentMethod.BankTransfer, "INV-1=100.00"), ("OK-13", 40m, 0m, PaymentMethod.Cheque, "INV-4=40.00")],
            await PaymentsAsync(tenant));
        Assert.Equal(
            [("INV-1", 100m, 0m, 0m, new DateOnly(2026, 6, 10)), ("INV-2", 0m, 0m, 200m, null), ("INV-3", 0m, 0m, 300m, null), ("INV-4", 40m, 0m, 360m, null)],
            await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task A_named_invoice_already_paid_is_refused_on_its_row()
    {
        var (tenant, _) = await NewLedgerAsync();
        await ImportAsync(tenant, Csv(Header + "PAID-1,C-1,2026-06-10,100,EUR,,INV-1\n"));

        var report = await ImportAsync(tenant, Csv(Header + "PAID-2,C-1,2026-06-11,100,EUR,,INV-1\n"), ImportMode.ValidRows);

        Assert.False(report.Committed);
        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "invoice_number"), (error.Row, error.Column));
        Assert.Contains("INV-1 has nothing left to pay", error.Message, StringComparison.Ordinal);
        Assert.Equal(["PAID-1"], (await PaymentsAsync(tenant)).Select(p => p.Reference));
    }

    [Fact]
    public async Task A_customer_or_invoice_of_another_tenant_is_unknown()
    {
        var (tenant, _) = await NewLedgerAsync();
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Tenant Ltd");
        var stranger = await CustomerAsync(other, "Stranger", "C-9");
        await LedgerBuilder.AddInvoiceAsync(db, other, stranger, "INV-9", 100m, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
        var otherBefore = await InvoicesAsync(other);

        var report = await ImportAsync(tenant, Csv(Header + "X-1,C-9,2026-06-10,100,EUR,,\nX-2,C-1,2026-06-10,100,EUR,,INV-9\n"));

        Assert.False(report.Committed);
        Assert.Equal([(1, "customer_external_id"), (2, "invoice_number")], report.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("No customer has external id \"C-9\"", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("No invoice has number \"INV-9\"", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(otherBefore, await InvoicesAsync(other));
        Assert.Empty(await PaymentsAsync(other));
    }

    [Fact]
    public async Task A_reference_recorded_in_another_tenant_does_not_make_a_row_already_present()
    {
        var (tenant, _) = await NewLedgerAsync();
        var (other, _) = await NewLedgerAsync("Same References SARL");
        await ImportAsync(other, Csv(Header + "SHARED-1,C-1,2026-06-10,100,EUR,,\n"));

        var report = await ImportAsync(tenant, Csv(Header + "SHARED-1,C-1,2026-06-10,100,EUR,,\n"));

        Assert.Equal((1, 0), (report.Created, report.AlreadyImported));
        Assert.Equal(["SHARED-1"], (await PaymentsAsync(tenant)).Select(p => p.Reference));
    }

    [Fact]
    public async Task A_semicolon_file_is_reported_as_such_and_changes_nothing()
    {
        var (tenant, _) = await NewLedgerAsync();

        var report = await ImportAsync(tenant, Csv(Header.Replace(',', ';') + "S-1;C-1;2026-06-10;100;EUR;;\n"));

        Assert.False(report.Committed);
        var error = Assert.Single(report.Errors);
        Assert.Equal(0, error.Row);
        Assert.Contains("separated by ';'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(tenant));
    }

    [Fact]
    public async Task A_missing_required_column_is_named()
    {
        var (tenant, _) = await NewLedgerAsync();

        var report = await ImportAsync(tenant, Csv("reference,customer_external_id,amount,currency\nM-1,C-1,100,EUR\n"));

        var error = Assert.Single(report.Errors);
        Assert.Equal((0, "received_on"), (error.Row, error.Column));
        Assert.Contains("no column received_on", error.Message, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(tenant));
    }

    [Fact]
    public async Task Mapped_columns_are_read_under_their_own_names()
    {
        var (tenant, _) = await NewLedgerAsync();
        var mapping = new Dictionary<string, string>
        {
            ["reference"] = "Ref",
            ["customer_external_id"] = "Debtor",
            ["received_on"] = "Value date",
            ["amount"] = "Credit",
            ["currency"] = "Ccy",
            ["invoice_number"] = "Remittance",
        };

        var report = await ImportAsync(tenant, Csv("Ref,Debtor,Value date,Credit,Ccy,Remittance\nMAP-1,C-1,2026-06-10,75.5,EUR,INV-2\n"), mapping: mapping);

        Assert.Equal(1, report.Created);
        Assert.Equal([("MAP-1", 75.5m, 0m, PaymentMethod.BankTransfer, "INV-2=75.50")], await PaymentsAsync(tenant));
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_reported_on_its_row_and_column()
    {
        var (tenant, _) = await NewLedgerAsync();
        var bytes = Csv(Header + "Caf").Concat(new byte[] { 0xE9 }).Concat(Csv(",C-1,2026-06-10,100,EUR,,\n")).ToArray();

        var report = await ImportAsync(tenant, bytes);

        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "reference"), (error.Row, error.Column));
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(tenant));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_reported_and_nothing_is_imported()
    {
        var (tenant, _) = await NewLedgerAsync();
        var huge = new string('x', 1024 * 1024);
        var csv = Csv(Header + "L-1,C-1,2026-06-10,100,EUR,,\n" + $"L-2,C-1,2026-06-10,100,EUR,,{huge}\n");

        var report = await ImportAsync(tenant, csv, ImportMode.ValidRows);

        Assert.False(report.Committed);
        Assert.Contains("longer than 64 KB", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(await PaymentsAsync(tenant));
        Assert.Equal(0m, (await InvoicesAsync(tenant)).Sum(i => i.Paid));
    }
}
