using ArCollect.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

public sealed class TemplateEditorBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_edits_a_template_previews_it_for_a_real_customer_and_saves_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Template Co");
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Brightside Bakery", "INV-2041", 1234.50m, 10);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);

        await browser.Page.GotoAsync("/Settings/Templates?tone=Firm");
        await browser.Page.GetByLabel("Subject").FillAsync("Second notice for {{ customer.nmae }}");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByText("Line 1, column 22: Unknown placeholder 'customer.nmae'")).ToBeVisibleAsync();

        await browser.Page.GetByLabel("Subject").FillAsync("Second notice for {{ customer.name }}");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#preview-subject")).ToHaveTextAsync("Second notice for Brightside Bakery");
        var email = browser.Page.FrameLocator("#preview-html");
        await Assertions.Expect(email.GetByRole(AriaRole.Cell, new() { Name = "INV-2041" })).ToBeVisibleAsync();
        await Assertions.Expect(email.GetByRole(AriaRole.Cell, new() { Name = "EUR 1,234.50" }).First).ToBeVisibleAsync();
        await Assertions.Expect(email.GetByText("10 days overdue")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("template-preview");

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByText("Template saved.")).ToBeVisibleAsync();
        await browser.Page.GotoAsync("/Settings/Templates?tone=Firm");
        await Assertions.Expect(browser.Page.GetByLabel("Subject")).ToHaveValueAsync("Second notice for {{ customer.name }}");
    }
}
