using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.CashApplication;

public sealed class StatementImportTests : IAsyncLifetime
{
    private const string OurIban = "DE89370400440532013000";
    private const string AcmeIban = "DE02120300000000202051";
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid account;
    private Guid acme;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Cash GmbH");
        acme = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme Trading GmbH")).Id;
        var other = await LedgerBuilder.AddCustomerAsync(db, tenant, "Zeta Logistics");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-1001", 1000m, db.Today.AddDays(-20), db.Today.AddDays(10));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-1002", 250m, db.Today.AddDays(-19), db.Today.AddDays(11));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-1003", 400m, db.Today.AddDays(-18), db.Today.AddDays(12));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-1004", 777.70m, db.Today.AddDays(-17), db.Today.AddDays(13));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, other.Id, "INV-1005", 600m, db.Today.AddDays(-17), db.Today.AddDays(13));
        await using var scope = db.ForTenant(tenant);
        account = Guid.CreateVersion7();
        scope.Db.BankAccounts.Add(new BankAccount { Id = account, Name = "Main account", Iban = OurIban, Currency = "EUR", CreatedAt = db.Time.GetUtcNow() });
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private StatementLine Credit(string reference, decimal amount, string? payer, string? text, string? iban = null) =>
        new(reference, db.Today, null, amount, "EUR", EntryDirection.Credit, payer, iban, text);

    private async Task<StatementImportResult> ImportAsync(string text, string file = "statement.xml")
    {
        await using var scope = db.ForTenant(tenant);
        var importer = scope.Services.GetRequiredService<StatementImporter>();
        return await importer.ImportAsync(account, new MemoryStream(Encoding.UTF8.GetBytes(text)), null, null, file, CancellationToken.None);
    }

    private async Task<T> QueryAsync<T>(Func<ArCollect.Infrastructure.Data.ArCollectDbContext, Task<T>> query)
    {
        await using var scope = db.ForTenant(tenant);
        return await query(scope.Db);
    }

    [Fact]
    public async Task A_referenced_receipt_applies_itself_the_rest_waits_and_debits_are_kept_apart()
    {
        var statement = StatementWriter.Camt053("S-1", OurIban, "EUR",
        [
            Credit("E1", 1000m, "ACME TRADING", "Invoice INV-1001"),
            Credit("E2", 123.45m, "Unknown Sender", "thanks"),
            new StatementLine("E3", db.Today, null, 45.10m, "EUR", EntryDirection.Debit, "Bank", null, "fees"),
        ]);

        var result = await ImportAsync(statement);

        Assert.Null(result.Problem);
        Assert.Equal((3, 3, 0, 1, 1, 1), (result.Lines, result.New, result.AlreadyImported, result.Debits, result.AutoApplied, result.Queued));
        var invoice = await QueryAsync(d => d.Invoices.SingleAsync(i => i.Number == "INV-1001"));
        Assert.Equal(0m, invoice.Balance);
        var statuses = await QueryAsync(d => d.BankEntries.OrderBy(e => e.EntryKey).Select(e => new { e.EntryKey, e.Status, e.AppliedBy }).ToListAsync());
        Assert.Equal([BankEntryStatus.Applied, BankEntryStatus.Unapplied, BankEntryStatus.Debit], statuses.Select(s => s.Status));
        Assert.Equal(ApplicationMode.Automatic, statuses[0].AppliedBy);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_returned_transfer_naming_an_invoice_to_the_cent_waits_as_not_a_customer_payment_with_its_booking_code_stored()
    {
        // Without the code this line would apply itself: Acme's name, account, invoice number and amount all fit INV-1001.
        var statement = StatementWriter.Camt053("S-R", OurIban, "EUR",
        [
            Credit("E1", 1000m, "ACME TRADING", "Invoice INV-1001", AcmeIban) with { BookingCode = "ISO PMNT/RCDT/RRTN; Prtry NRTI+159" },
            Credit("E2", 250m, "ACME TRADING", "Invoice INV-1002", AcmeIban) with { BookingCode = "ISO PMNT/RCDT/ESCT; Prtry NTRF+166" },
        ]);

        var result = await ImportAsync(statement);

        Assert.Equal((1, 1), (result.AutoApplied, result.Queued));
        var entries = await QueryAsync(d => d.BankEntries.OrderBy(e => e.EntryKey).ToListAsync());
        Assert.Equal((BankEntryStatus.Unapplied, "ISO PMNT/RCDT/RRTN; Prtry NRTI+159"), (entries[0].Status, entries[0].BookingCode));
        Assert.Equal((BankEntryStatus.Applied, "ISO PMNT/RCDT/ESCT; Prtry NTRF+166"), (entries[1].Status, entries[1].BookingCode));
        Assert.Equal(1000m, (await QueryAsync(d => d.Invoices.SingleAsync(i => i.Number == "INV-1001"))).Balance);

        await using var scope = db.ForTenant(tenant);
        var matcher = await scope.Db.CashMatcherAsync(CancellationToken.None);
        var best = matcher.Match(entries[0].ToReceipt()).Best!;
        Assert.Equal(MatchKind.NotCustomerPayment, best.Kind);
        Assert.Contains(best.Evidence, e => e.Contains("ISO PMNT/RCDT/RRTN", StringComparison.Ordinal) && e.Contains("a returned credit transfer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Importing_the_same_statement_again_or_an_overlapping_one_creates_nothing_twice()
    {
        var first = StatementWriter.Mt940("S-2", OurIban, "EUR", [Credit("B1", 1000m, "Acme", "INV-1001"), Credit("B2", 9.99m, "X", "y")]);
        var overlapping = StatementWriter.Camt053("S-3", OurIban, "EUR", [Credit("B2", 9.99m, "X", "y"), Credit("B3", 250m, "Acme", "INV-1002")]);
        var csvWithoutReferences = "booking_date,amount,currency,payer_name,remittance\n2026-06-15,5.00,EUR,Someone,gift\n";

        await ImportAsync(first, "s2.sta");
        var again = await ImportAsync(first, "s2.sta");
        var overlap = await ImportAsync(overlapping);
        await ImportAsync(csvWithoutReferences, "s.csv");
        var csvAgain = await ImportAsync(csvWithoutReferences, "s.csv");

        Assert.Equal((0, 2), (again.New, again.AlreadyImported));
        Assert.Equal((1, 1), (overlap.New, overlap.AlreadyImported));
        Assert.Equal((0, 1), (csvAgain.New, csvAgain.AlreadyImported));
        Assert.Equal(4, await QueryAsync(d => d.BankEntries.CountAsync()));
        Assert.Equal(2, await QueryAsync(d => d.Payments.CountAsync()));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_statement_for_another_account_or_with_a_DTD_is_refused_and_nothing_is_stored()
    {
        var foreign = StatementWriter.Camt053("S-4", "GB29NWBK60161331926819", "EUR", [Credit("C1", 1m, "x", "y")]);
        var hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e \"x\">]><Document><BkToCstmrStmt><Stmt><Id>&e;</Id></Stmt></BkToCstmrStmt></Document>";

        var wrongAccount = await ImportAsync(foreign);
        var dtd = await ImportAsync(hostile);

        Assert.Contains("GB29 NWBK", wrongAccount.Problem, StringComparison.Ordinal);
        Assert.Contains("DTD", dtd.Problem, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(d => d.BankEntries.CountAsync()));
        Assert.Equal(0, await QueryAsync(d => d.BankStatements.CountAsync()));
    }

    [Fact]
    public async Task Keeping_a_receipt_on_the_customers_account_leaves_every_invoice_open_and_the_money_unapplied()
    {
        await ImportAsync(StatementWriter.Camt053("S-7", OurIban, "EUR", [Credit("K1", 123.45m, "Acme Trading GmbH", "advance payment", AcmeIban)]));
        var entry = await QueryAsync(d => d.BankEntries.SingleAsync());
        var before = await QueryAsync(d => d.Invoices.Where(i => i.CustomerId == acme).OrderBy(i => i.Number).Select(i => i.Balance).ToListAsync());

        await using (var scope = db.ForTenant(tenant))
        {
            var keep = new ApplicationRequest(acme, 123.45m, "EUR", [], 0m, [], null, "kept on account by clerk");
            var outcome = await scope.Services.GetRequiredService<CashApplier>().ApplyAsync(entry.Id, keep, ApplicationMode.Clerk, CancellationToken.None);
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors));
        }

        Assert.Equal(before, await QueryAsync(d => d.Invoices.Where(i => i.CustomerId == acme).OrderBy(i => i.Number).Select(i => i.Balance).ToListAsync()));
        var payment = await QueryAsync(d => d.Payments.Include(p => p.Allocations).SingleAsync());
        Assert.Equal((123.45m, 0), (payment.UnappliedAmount, payment.Allocations.Count));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_clerk_splits_a_receipt_the_payer_is_learned_and_the_next_receipt_from_that_account_applies_itself()
    {
        await ImportAsync(StatementWriter.Camt053("S-5", OurIban, "EUR", [Credit("D1", 650m, "AT Holding", "June", AcmeIban)]));
        var entry = await QueryAsync(d => d.BankEntries.SingleAsync());
        var invoices = await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1002" || i.Number == "INV-1003").OrderBy(i => i.Number).ToListAsync());
        Assert.Equal(BankEntryStatus.Unapplied, entry.Status);

        await using (var scope = db.ForTenant(tenant))
        {
            var applier = scope.Services.GetRequiredService<CashApplier>();
            var split = new ApplicationRequest(acme, 650m, "EUR", [new AllocationRequest(invoices[0].Id, 250m), new AllocationRequest(invoices[1].Id, 400m)], 0m, [], null, "split by clerk");
            var outcome = await applier.ApplyAsync(entry.Id, split, ApplicationMode.Clerk, CancellationToken.None);
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors));
        }

        Assert.Equal([0m, 0m], await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1002" || i.Number == "INV-1003").Select(i => i.Balance).ToListAsync()));
        Assert.Equal(acme, (await QueryAsync(d => d.PayerAccounts.SingleAsync(p => p.Iban == AcmeIban))).CustomerId);

        var next = await ImportAsync(StatementWriter.Camt053("S-6", OurIban, "EUR", [Credit("D2", 777.70m, "AT Holding", "July", AcmeIban)]));

        Assert.Equal(1, next.AutoApplied);
        Assert.Equal(0m, await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1004").Select(i => i.Balance).SingleAsync()));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Undo_reverses_the_application_with_its_reason_audited_and_the_receipt_waits_again()
    {
        await ImportAsync(StatementWriter.Camt053("S-7", OurIban, "EUR", [Credit("F1", 1000m, "Acme", "INV-1001")]));
        var entry = await QueryAsync(d => d.BankEntries.SingleAsync());
        Assert.Equal(BankEntryStatus.Applied, entry.Status);

        await using (var scope = db.ForTenant(tenant))
        {
            var applier = scope.Services.GetRequiredService<CashApplier>();
            Assert.False((await applier.UndoAsync(entry.Id, " ", CancellationToken.None)).Succeeded);
            var undone = await applier.UndoAsync(entry.Id, "Paid by the parent company, not Acme", CancellationToken.None);
            Assert.True(undone.Succeeded, string.Join(" ", undone.Errors));
        }

        var after = await QueryAsync(d => d.BankEntries.SingleAsync());
        Assert.Equal((BankEntryStatus.Unapplied, (Guid?)null), (after.Status, after.PaymentId));
        Assert.Equal(1000m, await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1001").Select(i => i.Balance).SingleAsync()));
        Assert.Equal(0, await QueryAsync(d => d.Payments.CountAsync()));
        var audit = await QueryAsync(d => d.AuditEntries.SingleAsync(a => a.EntityType == nameof(BankEntry)));
        Assert.Contains("parent company", audit.Details, StringComparison.Ordinal);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_short_payment_beyond_tolerance_applies_and_opens_a_dispute_and_a_bank_fee_is_written_off()
    {
        await ImportAsync(StatementWriter.Camt053("S-8", OurIban, "EUR", [Credit("G1", 900m, "Acme Trading", "INV-1001 minus damaged"), Credit("G2", 247.50m, "Acme Trading", "INV-1002")]));
        var entries = await QueryAsync(d => d.BankEntries.OrderBy(e => e.EntryKey).ToListAsync());

        await using (var scope = db.ForTenant(tenant))
        {
            var matcher = await scope.Db.CashMatcherAsync(CancellationToken.None);
            var applier = scope.Services.GetRequiredService<CashApplier>();
            foreach (var entry in entries.Where(e => e.Status == BankEntryStatus.Unapplied))
            {
                var best = matcher.Match(entry.ToReceipt()).Best!;
                Assert.True((await applier.ApplyAsync(entry.Id, ApplicationRequest.From(best, matcher.Rules), ApplicationMode.Clerk, CancellationToken.None)).Succeeded);
            }
        }

        var dispute = await QueryAsync(d => d.Disputes.SingleAsync());
        Assert.Equal((100m, DisputeStatus.Open), (dispute.Amount, dispute.Status));
        Assert.StartsWith("Short payment", dispute.Notes, StringComparison.Ordinal);
        Assert.True(await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1001").Select(i => i.IsDisputed).SingleAsync()));
        var fee = await QueryAsync(d => d.WriteOffs.SingleAsync());
        Assert.Equal(2.50m, fee.Amount);
        Assert.Equal(0m, await QueryAsync(d => d.Invoices.Where(i => i.Number == "INV-1002").Select(i => i.Balance).SingleAsync()));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_parked_receipt_leaves_the_queue_with_its_note()
    {
        await ImportAsync(StatementWriter.Camt053("S-9", OurIban, "EUR", [Credit("H1", 12.34m, "Finanzamt", "Erstattung")]));
        var entry = await QueryAsync(d => d.BankEntries.SingleAsync());

        await using (var scope = db.ForTenant(tenant))
        {
            var applier = scope.Services.GetRequiredService<CashApplier>();
            Assert.True((await applier.ParkAsync(entry.Id, "tax refund", CancellationToken.None)).Succeeded);
        }

        var parked = await QueryAsync(d => d.BankEntries.SingleAsync());
        Assert.Equal((BankEntryStatus.Parked, "Parked: tax refund"), (parked.Status, parked.Note));
    }
}
