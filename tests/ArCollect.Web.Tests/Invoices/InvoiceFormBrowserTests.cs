using ArCollect.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Invoices;

/// <summary>The invoice form in a real browser: the "Add line" script reveals rows one at a time, the draft saves and is issued.</summary>
public sealed class InvoiceFormBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_adds_lines_with_the_button_and_saves_the_invoice()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Browser Invoice Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Browser Buyer", contactEmail: "ap@browser.example", termsDays: 10);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await page.SetViewportSizeAsync(390, 844);
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        await page.GotoAsync($"/Invoices/Edit?customerId={customer}");
        var visibleRows = page.Locator("[data-line-row]:visible");
        Assert.Equal(1, await visibleRows.CountAsync());
        await page.FillAsync("#Input_Lines_0__Description", "Design work");
        await page.FillAsync("#Input_Lines_0__Quantity", "2");
        await page.FillAsync("#Input_Lines_0__UnitPrice", "120");
        await page.FillAsync("#Input_Lines_0__TaxRate", "19");
        await page.ClickAsync("[data-add-line]");
        await page.FillAsync("#Input_Lines_1__Description", "Hosting");
        await page.FillAsync("#Input_Lines_1__UnitPrice", "30");
        Assert.Equal(2, await visibleRows.CountAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("invoice-form-mobile.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync("**/InvoiceActions/Issue?id=**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue invoice" }).ClickAsync();
        await page.Locator("#issued").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open invoice" }).ClickAsync();
        await page.WaitForURLAsync("**/Invoices/Details/**", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        Assert.Equal($"EUR {315.60m:N2}", (await page.InnerTextAsync("#total")).Trim());
        await page.ScreenshotAsync(new() { Path = Screenshot("invoice-details-mobile.png"), FullPage = true });
        await page.GotoAsync($"/Payments/Record?customerId={customer}");
        await page.ScreenshotAsync(new() { Path = Screenshot("record-payment-mobile.png"), FullPage = true });
        await page.GotoAsync("/Customers");
        await page.ScreenshotAsync(new() { Path = Screenshot("customers-mobile.png"), FullPage = true });
        await page.GotoAsync($"/Customers/Details/{customer}");
        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = Screenshot("customer-details-desktop.png"), FullPage = true });
    }

    private static string Screenshot(string name)
    {
        Directory.CreateDirectory(BrowserSession.ScreenshotFolder);
        return Path.Combine(BrowserSession.ScreenshotFolder, name);
    }
}
