using ArCollect.Domain.Invoices;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace ArCollect.Web.Tests.Browser;

/// <summary>
/// A clerk's day on the seeded demo tenant (not an empty one): its invoices and credit notes already run to hundreds,
/// so every number handed out here must continue that history. And what a manager finds there on first run.
/// </summary>
public sealed class DemoLedgerJourneyBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task On_the_demo_tenant_a_clerk_issues_drafts_takes_a_discounted_payment_credits_writes_off_and_reads_the_pdf()
    {
        var tenant = await app.DemoTenantAsync();
        var today = app.Today;
        var (customer, lastInvoice, lastCredit) = await app.WithDbAsync(tenant, async db =>
        {
            var chosen = await db.Customers.Where(c => c.Currency == "EUR" && c.Contacts.Any(x => !x.Bounced && x.Email != ""))
                .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            var invoices = await db.Invoices.Select(i => i.Number).ToListAsync();
            var credits = await db.CreditNotes.Select(c => c.Number).ToListAsync();
            return (chosen, Highest(InvoiceNumberPattern.Default, today, invoices), Highest(InvoiceNumberPattern.DefaultCreditNote, today, credits));
        });
        Assert.True(lastInvoice > 50 && lastCredit > 0, $"the demo history numbers this year's documents (invoices to {lastInvoice}, credit notes to {lastCredit})");
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[2].Email, DemoBootstrap.Password);

        var (discounted, discountedNumber) = await DraftAndIssueAsync(page, customer, "2/10 Net 30", "Pallet racking", "4", "250");
        var (corrected, correctedNumber) = await DraftAndIssueAsync(page, customer, "", "Forklift service", "1", "500");
        Assert.Equal($"INV-{today.Year}-{lastInvoice + 1:00000}", discountedNumber);
        Assert.Equal($"INV-{today.Year}-{lastInvoice + 2:00000}", correctedNumber);

        await page.GotoAsync($"/Payments/Record?customerId={customer}");
        await page.FillAsync("#Input_Amount", "980");
        await page.FillAsync("#Input_Reference", $"BANK-{discountedNumber}");
        await page.GetByLabel($"Apply to {discountedNumber}").FillAsync("980");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await page.WaitForURLAsync("**/Customers/Details/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await browser.ScreenshotAsync("demo-discounted-payment");

        var credit = $"/CreditNotes/New?invoiceId={corrected}";
        await page.GotoAsync(credit);
        await page.FillAsync("#Input_Amount", "100");
        await page.FillAsync("#Input_Reason", "Damaged pallet returned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Credit note" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync($"Credit note CN-{today.Year}-{lastCredit + 2:00000} for EUR {100m:N2} created.");
        await page.GotoAsync(credit + "&writeOff=true");
        await page.FillAsync("#Input_Reason", "Not worth chasing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write off" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync($"Wrote off EUR {400m:N2}.");
        await browser.ScreenshotAsync("demo-write-off");

        var discount = await app.WithDbAsync(tenant, db => db.CreditNotes.Where(c => c.InvoiceId == discounted).Select(c => new { c.Number, c.Amount }).SingleAsync());
        Assert.Equal(($"CN-{today.Year}-{lastCredit + 1:00000}", 20m), (discount.Number, discount.Amount));
        var balances = await app.WithDbAsync(tenant, db => db.Invoices.Where(i => i.Id == discounted || i.Id == corrected).Select(i => i.Balance).ToListAsync());
        Assert.Equal([0m, 0m], balances);

        var pdf = await page.APIRequest.GetAsync($"/InvoiceActions/Pdf?id={discounted}");
        Assert.Equal(200, pdf.Status);
        using var document = PdfDocument.Open(await pdf.BodyAsync());
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(discountedNumber, text, StringComparison.Ordinal);
        Assert.Contains("Pallet racking", text, StringComparison.Ordinal);
        Assert.Contains("2/10 Net 30", text, StringComparison.Ordinal);
    }

    /// <summary>Saves a draft through the invoice form, checks it has no number yet, issues it and returns its number.</summary>
    [Fact]
    public async Task On_the_demo_tenant_a_manager_finds_the_forecast_track_record_and_past_weeks_filled_on_first_run()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[1].Email, DemoBootstrap.Password);

        await page.GotoAsync("/Dashboards/Forecast");
        var rows = page.Locator("#track-record-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(12); // three methods x four horizons
        var forecast = await rows.Nth(0).Locator("td").AllInnerTextsAsync();
        var dueDate = await rows.Nth(4).Locator("td").AllInnerTextsAsync();
        await page.Locator("#track-record").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("demo-forecast-track-record");

        Assert.Equal(["This forecast", "Weeks 1-13"], forecast.Take(2));
        Assert.Equal(["Baseline: paid on the due date", "Weeks 1-13"], dueDate.Take(2));
        Assert.True(int.Parse(forecast[2], System.Globalization.CultureInfo.InvariantCulture) >= 300, $"a year of weekly origins gives hundreds of finished weeks, got {forecast[2]}");
        // Scored, not judged: on this small demo the weekly figures are noisy (docs/dashboards.md has the full demo's table).
        Assert.True(Percent(forecast[3]) >= 0m && Percent(dueDate[3]) >= 0m, $"both methods have a weekly MAPE ({forecast[3]}, {dueDate[3]})");
        Assert.EndsWith("%", forecast[5], StringComparison.Ordinal); // the forecast's band has a coverage; the baselines have none
        Assert.Equal("n/a", dueDate[5]);
        await Assertions.Expect(page.Locator("#past-table tbody tr")).ToHaveCountAsync(8);
    }

    private static decimal Percent(string text) => decimal.Parse(text.TrimEnd(' ', '%'), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(Guid Id, string Number)> DraftAndIssueAsync(
        IPage page, Guid customer, string terms, string description, string quantity, string unitPrice)
    {
        await page.GotoAsync($"/Invoices/Edit?customerId={customer}");
        await page.FillAsync("#Input_Terms", terms);
        await page.FillAsync("#Input_Lines_0__Description", description);
        await page.FillAsync("#Input_Lines_0__Quantity", quantity);
        await page.FillAsync("#Input_Lines_0__UnitPrice", unitPrice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync("**/InvoiceActions/Issue?id=**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("draft (numbered when issued)");
        var id = Guid.Parse(new Uri(page.Url).Query.Split("id=")[1]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue invoice" }).ClickAsync();
        var issued = page.Locator("#issued strong");
        await issued.WaitForAsync();
        return (id, (await issued.InnerTextAsync()).Trim());
    }

    private static long Highest(string pattern, DateOnly today, IEnumerable<string> numbers) =>
        numbers.Select(n => InvoiceNumberPattern.Sequence(pattern, today, n) ?? 0).DefaultIfEmpty(0).Max();
}
