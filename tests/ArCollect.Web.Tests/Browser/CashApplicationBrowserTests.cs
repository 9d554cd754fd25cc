using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>
/// A clerk works the unapplied-cash queue of a company whose ledger and statement the test writes: accepts a
/// suggested combination, splits a receipt from an unknown payer across two invoices, parks the bank's interest as suggested (not a customer payment) and
/// undoes the accepted application with a reason, reading the balances on the invoice pages after each step.
/// </summary>
public sealed class CashApplicationBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_accepts_a_suggestion_splits_a_receipt_parks_interest_and_undoes_an_application_with_a_reason()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Cash Queue");
        var tenant = company.TenantId;
        var today = LedgerSeed.Today(app);
        var brightwater = await LedgerSeed.AddCustomerAsync(app, tenant, "Brightwater Ltd");
        var march = await LedgerSeed.AddInvoiceAsync(app, tenant, brightwater, "INV-2026-00101", 500m, today.AddDays(-40), today.AddDays(-10));
        var april = await LedgerSeed.AddInvoiceAsync(app, tenant, brightwater, "INV-2026-00102", 350m, today.AddDays(-30), today.AddDays(-1));
        var novak = await LedgerSeed.AddCustomerAsync(app, tenant, "Novak Bau GmbH");
        var first = await LedgerSeed.AddInvoiceAsync(app, tenant, novak, "INV-2026-00201", 600m, today.AddDays(-50), today.AddDays(-20));
        var second = await LedgerSeed.AddInvoiceAsync(app, tenant, novak, "INV-2026-00202", 900m, today.AddDays(-20), today.AddDays(10));
        // Brightwater pays both invoices without naming them (850.00 = 500.00 + 350.00): a suggestion, short of applying itself;
        // a private person pays for Novak without a word the matcher can use; the bank credits interest.
        var statement = $"""
            booking_date,amount,currency,entry_ref,payer_name,remittance
            {today:yyyy-MM-dd},850.00,EUR,Q-1,BRIGHTWATER LTD,March and April
            {today:yyyy-MM-dd},1000.00,EUR,Q-2,Kim Lee,for Novak Bau
            {today:yyyy-MM-dd},4.20,EUR,Q-3,Demo Bank AG,Interest
            """;
        var imported = await ImportAsync(tenant, statement);
        Assert.Equal((3, 0, 3), (imported.New, imported.AutoApplied, imported.Queued));
        var byPayer = await LedgerSeed.WithDbAsync(app, tenant, db => db.BankEntries.ToDictionaryAsync(e => e.PayerName!, e => e.Id));
        var ids = new Dictionary<string, Guid> { ["Q-1"] = byPayer["BRIGHTWATER LTD"], ["Q-2"] = byPayer["Kim Lee"], ["Q-3"] = byPayer["Demo Bank AG"] };

        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await page.GotoAsync("/CashApplication");
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(3);

        // Accept the suggested combination.
        await page.GotoAsync($"/CashApplication/Entry/{ids["Q-1"]}");
        var suggestion = page.Locator("#suggestions .suggestion").First;
        await Assertions.Expect(suggestion).ToContainTextAsync("Brightwater Ltd");
        await Assertions.Expect(suggestion).ToContainTextAsync("invoices INV-2026-00101, INV-2026-00102 add up to the amount");
        await browser.ScreenshotAsync("cash-suggestion");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Applied by a clerk to Brightwater Ltd");
        await ExpectBalanceAsync(page, march, "EUR 0.00");
        await ExpectBalanceAsync(page, april, "EUR 0.00");

        // Split the unknown payer's receipt across Novak's two invoices.
        await page.GotoAsync($"/CashApplication/Entry/{ids["Q-2"]}");
        await page.Locator("#split select[name=customer]").SelectOptionAsync(new SelectOptionValue { Label = "Novak Bau GmbH" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show invoices" }).ClickAsync();
        await page.GetByLabel("Apply to INV-2026-00201").FillAsync("600");
        await page.GetByLabel("Apply to INV-2026-00202").FillAsync("400");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply split" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Applied as split.");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Applied by a clerk to Novak Bau GmbH");
        await ExpectBalanceAsync(page, first, "EUR 0.00");
        await ExpectBalanceAsync(page, second, "EUR 500.00");

        // The interest is suggested first as not a customer payment; accepting it parks it with the evidence.
        await page.GotoAsync($"/CashApplication/Entry/{ids["Q-3"]}");
        var unrelated = page.Locator("#suggestions .suggestion").First;
        await Assertions.Expect(unrelated).ToContainTextAsync("Not a customer payment");
        await Assertions.Expect(unrelated).ToContainTextAsync("\"interest\" in the line is a bank's word for interest");
        await browser.ScreenshotAsync("cash-not-a-customer-payment");
        await unrelated.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Parked as not a customer payment.");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Parked: not a customer payment (\"interest\" in the line is a bank's word for interest");

        // Undo the accepted combination: Brightwater's invoices are open again.
        await page.GotoAsync($"/CashApplication/Entry/{ids["Q-1"]}");
        await page.Locator("#undo input[name=Note]").FillAsync("Paid for the sister company");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo application" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Waiting to be applied");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Paid for the sister company");
        await browser.ScreenshotAsync("cash-undone");
        await ExpectBalanceAsync(page, march, "EUR 500.00");
        await ExpectBalanceAsync(page, april, "EUR 350.00");

        await page.GotoAsync("/CashApplication");
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToContainTextAsync("BRIGHTWATER LTD");
        var (payments, audit) = await LedgerSeed.WithDbAsync(app, tenant, async db => (
            await db.Payments.Select(p => p.Amount).ToListAsync(),
            await db.AuditEntries.Where(a => a.EntityType == nameof(BankEntry) && a.EntityId == ids["Q-1"]).Select(a => a.Details).SingleAsync()));
        Assert.Equal([1000.00m], payments);
        Assert.Contains("Paid for the sister company", audit, StringComparison.Ordinal);
    }

    private async Task<StatementImportResult> ImportAsync(Guid tenant, string csv)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ArCollect.Infrastructure.Data.ArCollectDbContext>();
        var account = new BankAccount { Id = Guid.CreateVersion7(), Name = "Operating account", Iban = "DE89370400440532013000", Currency = "EUR", CreatedAt = DateTimeOffset.UtcNow };
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        var importer = scope.ServiceProvider.GetRequiredService<StatementImporter>();
        var result = await importer.ImportAsync(account.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv.ReplaceLineEndings("\n"))), StatementFormat.Csv, null, "statement.csv", CancellationToken.None);
        Assert.True(result.Succeeded, result.Problem);
        return result;
    }

    private static async Task ExpectBalanceAsync(IPage page, Guid invoiceId, string balance)
    {
        await page.GotoAsync($"/Invoices/Details/{invoiceId}");
        await Assertions.Expect(page.Locator("#amounts tr", new() { HasText = "Balance" }).Locator("td.num")).ToHaveTextAsync(balance);
    }
}
