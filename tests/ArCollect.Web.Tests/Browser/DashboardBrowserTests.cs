using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

public sealed class DashboardBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_manager_drills_into_a_bucket_runs_a_what_if_and_exports_XLSX()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Dashboard Co");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SeedAsync(company.TenantId, today);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        await browser.SignInAsync(company.ManagerEmail, TenantSeed.Password);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Insights" }).Or(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Insights" })).ClickAsync();
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Aging" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Aging" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("#aging-table tbody tr")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("dashboard-aging");

        // Oldest Ltd's 90+ cell holds O-1 (1,200.00, 120 days late).
        await browser.Page.Locator("#aging-table tbody tr", new() { HasText = "Oldest Ltd" }).GetByRole(AriaRole.Link, new() { Name = "1,200.00" }).First.ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Invoices in 90+" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("#drill-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(browser.Page.Locator("#drill-table")).ToContainTextAsync("O-1");

        await browser.Page.GotoAsync("/Dashboards/Forecast");
        await browser.Page.GetByLabel("Collect Z% of 90+").FillAsync("50");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Run what-if" }).ClickAsync();
        await Assertions.Expect(browser.Page.Locator("#forecast-table thead")).ToContainTextAsync("Scenario cumulative");

        var download = await browser.Page.RunAndWaitForDownloadAsync(() =>
            browser.Page.Locator("#forecast-table").Locator("xpath=ancestor::div[contains(@class,'card')]").GetByRole(AriaRole.Link, new() { Name = "XLSX" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".xlsx");
        await download.SaveAsAsync(path);
        using var workbook = new XLWorkbook(path);
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Week of", sheet.Cell(1, 1).GetString());
        Assert.Equal("Scenario cumulative", sheet.Cell(1, 7).GetString());
        Assert.Equal(14, sheet.LastRowUsed().RowNumber()); // header + 13 weeks
        File.Delete(path);
    }

    private async Task SeedAsync(Guid tenantId, DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        foreach (var (name, number, amount, daysLate) in new[] { ("Oldest Ltd", "O-1", 1200m, 120), ("Fresh AG", "F-1", 800m, -10) })
        {
            var customer = new Customer { Id = Guid.CreateVersion7(), Name = name, Currency = "EUR", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            var invoice = new Invoice
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Number = number,
                Currency = "EUR",
                IssueDate = today.AddDays(-daysLate - 30),
                DueDate = today.AddDays(-daysLate),
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Goods", Quantity = 1, UnitPrice = amount, TaxRate = 0 }]);
            db.Customers.Add(customer);
            db.Invoices.Add(invoice);
        }

        await db.SaveChangesAsync();
    }
}
