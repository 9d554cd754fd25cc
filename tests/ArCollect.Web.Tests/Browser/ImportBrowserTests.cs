using System.Net.Http.Json;
using System.Text;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

public sealed class ImportBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_previews_a_file_maps_its_columns_and_imports_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Browser Import");
        using (var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret))
        {
            (await api.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", currency = "EUR", externalId = "C-1" }, ApiSeed.Json)).Dispose();
        }

        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await browser.Page.GotoAsync("/Imports");
        var csv = "Rechnung,Kunde,issue_date,due_date,currency,description,quantity,unit_price\nR-1,C-1,2026-05-01,2026-05-31,EUR,Hosting,2,12.50\n";

        await browser.Page.SetInputFilesAsync("#file", new FilePayload { Name = "rechnungen.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(browser.Page.Locator("#preview td", new() { HasText = "Hosting" })).ToBeVisibleAsync();
        await browser.Page.SelectOptionAsync("#map-invoice_number", "Rechnung");
        await browser.Page.SelectOptionAsync("#map-customer_external_id", "Kunde");
        await browser.ScreenshotAsync("import-preview-mapping");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#import-result")).ToContainTextAsync("Imported 1 invoices from 1 row(s)");
        await browser.ScreenshotAsync("import-result");
    }
}
