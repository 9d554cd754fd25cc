using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.CashApplication;

/// <summary>
/// Remittance advices from CSV, XLSX and a captured email, stored against the customer whose invoices they name;
/// bad rows reported by row and column with nothing stored; a fitting receipt applied as the advice splits it.
/// </summary>
public sealed class RemittanceAdviceTests : IAsyncLifetime
{
    private const string OurIban = "DE89370400440532013000";
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid account;
    private Guid acme;
    private Guid zeta;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Advice GmbH");
        acme = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme Trading GmbH")).Id;
        zeta = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Zeta Logistics")).Id;
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-3001", 700m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-3002", 300m, db.Today.AddDays(-30), db.Today);
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme, "INV-3003", 450m, db.Today.AddDays(-20), db.Today.AddDays(10));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, zeta, "INV-3101", 999m, db.Today.AddDays(-20), db.Today.AddDays(10));
        await using var scope = db.ForTenant(tenant);
        account = Guid.CreateVersion7();
        scope.Db.BankAccounts.Add(new BankAccount { Id = account, Name = "Main account", Iban = OurIban, Currency = "EUR", CreatedAt = db.Time.GetUtcNow() });
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_csv_advice_is_stored_against_the_customer_whose_invoices_it_names_once_however_often_it_is_uploaded()
    {
        const string csv = "invoice_number,amount\nINV-3003,450.00\nINV-3001,150.00\n";

        var first = await UploadAsync(csv, "acme-advice.csv");
        var again = await UploadAsync(csv, "acme-advice (1).csv");

        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        Assert.False(first.AlreadyImported);
        Assert.True(again.AlreadyImported);
        var advice = await QueryAsync(d => d.RemittanceAdvices.Include(a => a.Lines).SingleAsync());
        Assert.Equal((acme, "EUR", 600m, RemittanceSource.Csv, "Acme Trading GmbH"), (advice.CustomerId, advice.Currency, advice.Total, advice.Source, advice.SentBy));
        Assert.Equal([("INV-3003", 450m), ("INV-3001", 150m)], advice.Lines.OrderBy(l => l.Position).Select(l => (l.InvoiceNumber, l.Amount)));
        Assert.Equal("waiting", advice.StateOn(db.Today));
        Assert.Equal("expired", advice.StateOn(db.Today.AddDays(31)));
    }

    [Fact]
    public async Task Bad_rows_are_named_by_row_and_column_and_nothing_is_stored()
    {
        const string csv = "invoice,amount paid\nINV-3001,700.00\nINV-9999,10.00\nINV-3002,abc\nINV-3101,999.00\n";

        var result = await UploadAsync(csv, "bad.csv");

        Assert.False(result.Succeeded);
        Assert.Equal([(2, "invoice"), (3, "amount paid"), (4, "invoice")], result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("no invoice INV-9999", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("INV-3101 is Zeta Logistics's, but row 1 names one of Acme Trading GmbH", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(d => d.RemittanceAdvices.CountAsync()));
    }

    [Fact]
    public async Task An_xlsx_advice_is_read_from_its_first_sheet_with_rows_numbered_as_the_sheet_shows_them()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Avis");
        sheet.Cell(1, 1).Value = "Zahlungsavis Acme";
        sheet.Cell(3, 1).Value = "Rechnung";
        sheet.Cell(3, 2).Value = "Betrag";
        sheet.Cell(4, 1).Value = "INV-3001";
        sheet.Cell(4, 2).Value = 700;
        sheet.Cell(5, 1).Value = "INV-3002";
        sheet.Cell(5, 2).Value = -5;
        using var file = new MemoryStream();
        workbook.SaveAs(file);

        var bad = await UploadAsync(file.ToArray(), "avis.xlsx");
        sheet.Cell(5, 2).Value = 300.5;
        using var fixedFile = new MemoryStream();
        workbook.SaveAs(fixedFile);
        var good = await UploadAsync(fixedFile.ToArray(), "avis.xlsx");

        Assert.Equal([(5, "Betrag")], bad.Errors.Select(e => (e.Row, e.Column)));
        Assert.True(good.Succeeded, string.Join("; ", good.Errors));
        Assert.Equal((RemittanceSource.Xlsx, 1000.50m), (good.Advice!.Source, good.Advice.Total));
    }

    [Fact]
    public async Task A_table_in_a_customers_email_becomes_an_advice_once_and_a_file_that_is_no_advice_gets_a_report()
    {
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.InboundMessages.Add(Message(acme, "ap@acme.example", "Payment advice", "Hello,\n\nwe pay today:\n\nInvoice\tAmount\nINV-3001\t700.00\nINV-3002\t300.00\n\nRegards"));
            scope.Db.InboundMessages.Add(Message(acme, "ap@acme.example", "Question", "Can you send a copy of INV-3003?"));
            await scope.Db.SaveChangesAsync();
        }

        var first = await MailboxAsync();
        var second = await MailboxAsync();
        var notAnAdvice = await UploadAsync("hello,world\n1,2\n", "notes.csv");

        Assert.Equal((1, 0), (first.Stored, first.AlreadyImported));
        Assert.Empty(first.Problems);
        Assert.Equal((0, 1), (second.Stored, second.AlreadyImported));
        var advice = await QueryAsync(d => d.RemittanceAdvices.Include(a => a.Lines).SingleAsync());
        Assert.Equal((acme, RemittanceSource.Email, "ap@acme.example", 1000m), (advice.CustomerId, advice.Source, advice.SentBy, advice.Total));
        Assert.Equal((0, "file"), (notAnAdvice.Errors.Single().Row, notAnAdvice.Errors.Single().Column));
    }

    [Fact]
    public async Task An_html_table_in_a_captured_reply_is_read_as_columns()
    {
        // The mailbox keeps the text of an HTML-only message as the reply poller converts it.
        var html = "<p>Dear team,</p><p>our payment covers:</p><table><tr><th>Invoice No.</th><th>Amount</th></tr>"
            + "<tr><td>INV-3002</td><td>300,00</td></tr><tr><td>INV-3003</td><td>450,00</td></tr></table><p>Best regards</p>";
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.InboundMessages.Add(Message(acme, "pay@acme.example", "Remittance", ArCollect.Infrastructure.Replies.HtmlText.ToText(html)));
            await scope.Db.SaveChangesAsync();
        }

        var result = await MailboxAsync();

        Assert.Equal(1, result.Stored);
        var advice = await QueryAsync(d => d.RemittanceAdvices.Include(a => a.Lines).SingleAsync());
        Assert.Equal([("INV-3002", 300m), ("INV-3003", 450m)], advice.Lines.OrderBy(l => l.Position).Select(l => (l.InvoiceNumber, l.Amount)));
    }

    [Fact]
    public async Task A_receipt_that_fits_the_advice_applies_itself_as_the_advice_splits_it_and_undoing_frees_the_advice()
    {
        Assert.True((await UploadAsync("invoice_number,amount\nINV-3003,450.00\nINV-3001,150.00\n", "advice.csv")).Succeeded);
        var statement = StatementWriter.Camt053("S-1", OurIban, "EUR",
            [new StatementLine("E1", db.Today, null, 600m, "EUR", EntryDirection.Credit, "ACME TRADING GMBH", null, "Payment")]);

        var imported = await ImportAsync(statement);

        Assert.Equal(1, imported.AutoApplied);
        var balances = await QueryAsync(d => d.Invoices.Where(i => i.CustomerId == acme).OrderBy(i => i.Number).Select(i => i.Balance).ToListAsync());
        Assert.Equal([550m, 300m, 0m], balances);
        var (entry, advice) = await QueryAsync(async d => (await d.BankEntries.SingleAsync(), await d.RemittanceAdvices.SingleAsync()));
        Assert.Equal((RemittanceAdviceStatus.Matched, entry.Id), (advice.Status, advice.BankEntryId));
        Assert.Contains("remittance advice of " + db.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " from Acme Trading GmbH names INV-3003, INV-3001", entry.Note, StringComparison.Ordinal);

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.True((await scope.Services.GetRequiredService<CashApplier>().UndoAsync(entry.Id, "Wrong customer", CancellationToken.None)).Succeeded);
        }

        var freed = await QueryAsync(d => d.RemittanceAdvices.SingleAsync());
        Assert.Equal((RemittanceAdviceStatus.Waiting, (Guid?)null), (freed.Status, freed.BankEntryId));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_change_the_advices()
    {
        Assert.True((await UploadAsync("invoice_number,amount\nINV-3001,700.00\n", "advice.csv")).Succeeded);
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other SARL");

        await using (var scope = db.ForTenant(other))
        {
            Assert.Empty(await scope.Db.RemittanceAdvices.IgnoreQueryFilters().ToListAsync());
            Assert.Empty(await scope.Db.RemittanceAdviceLines.IgnoreQueryFilters().ToListAsync());
            Assert.Equal(0, await scope.Db.Database.ExecuteSqlAsync($"UPDATE remittance_advices SET total = 1 WHERE tenant_id = {tenant}"));
            Assert.Equal(0, await scope.Db.Database.ExecuteSqlAsync($"DELETE FROM remittance_advice_lines WHERE tenant_id = {tenant}"));
        }

        var own = await QueryAsync(d => d.RemittanceAdvices.Include(a => a.Lines).SingleAsync());
        Assert.Equal((700m, 1), (own.Total, own.Lines.Count));
    }

    private InboundMessage Message(Guid customer, string from, string subject, string body) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = customer,
        MessageId = Guid.NewGuid().ToString("N") + "@customer.example",
        FromAddress = from,
        Subject = subject,
        TextBody = body,
        ReceivedAt = db.Time.GetUtcNow().AddDays(-1),
    };

    private Task<RemittanceImportResult> UploadAsync(string csv, string name) => UploadAsync(Encoding.UTF8.GetBytes(csv), name);

    private async Task<RemittanceImportResult> UploadAsync(byte[] file, string name)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<RemittanceAdviceImporter>().ImportFileAsync(new MemoryStream(file), name, CancellationToken.None);
    }

    private async Task<MailboxRemittanceResult> MailboxAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<RemittanceAdviceImporter>().ImportMailboxAsync(CancellationToken.None);
    }

    private async Task<StatementImportResult> ImportAsync(string text)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<StatementImporter>()
            .ImportAsync(account, new MemoryStream(Encoding.UTF8.GetBytes(text)), null, null, "statement.xml", CancellationToken.None);
    }

    private async Task<T> QueryAsync<T>(Func<ArCollect.Infrastructure.Data.ArCollectDbContext, Task<T>> query)
    {
        await using var scope = db.ForTenant(tenant);
        return await query(scope.Db);
    }
}
