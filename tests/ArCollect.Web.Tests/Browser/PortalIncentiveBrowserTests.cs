using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>An admin sets a prompt-payer rule; a punctual customer's next invoice gets the discount, and the customer sees it in the portal.</summary>
public sealed class PortalIncentiveBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_sets_a_prompt_payer_rule_and_a_punctual_customer_sees_the_offer_and_the_discount_in_the_portal()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Incentive Seller");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Punctual Buyer", contactEmail: "ap@punctual.test");
        for (var i = 0; i < 3; i++)
        {
            await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, $"PB-{i}", 100m, today.AddDays(-90 + i), today.AddDays(-60 + i), paid: 100m);
        }

        await using (var admin = await BrowserSession.StartAsync(app.BaseAddress))
        {
            await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
            var page = admin.Page;
            await page.GotoAsync("/Settings/Incentives");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Prompt payers");
            await page.GetByLabel("Discount (%)").FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
            await Assertions.Expect(page.Locator("#new-incentive-rule")).ToContainTextAsync("Enter a discount above 0 and at most 10 %.");
            Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.IncentiveRules.CountAsync()));

            await page.GetByLabel("Discount (%)").FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
            await Assertions.Expect(page.Locator("#incentive-rules")).ToContainTextAsync("2 % within 10 days");
        }

        // The next invoice to this customer is issued with the rule's discount in its terms.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(company.TenantId);
            var (draft, error) = await scope.ServiceProvider.GetRequiredService<InvoiceDrafts>().CreateAsync(new InvoiceInput
            {
                CustomerId = customer,
                IssueDate = today,
                Currency = "EUR",
                Lines = [new InvoiceLineInput { Description = "Consulting", Quantity = 1m, UnitPrice = 1000m }],
            }, dueFromTerms: true, CancellationToken.None);
            Assert.True(draft is not null, error);
            var issued = await scope.ServiceProvider.GetRequiredService<InvoiceIssuer>().IssueAsync(draft!.Id, CancellationToken.None);
            Assert.True(issued.Succeeded, string.Join("; ", issued.Report.Errors.Select(e => e.Message)));
            Assert.Equal("2/10 Net 30", issued.Invoice!.Terms);
        }

        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress, new ViewportSize { Width = 390, Height = 844 });
        await browser.Page.GotoAsync(link);
        await Assertions.Expect(browser.Page.Locator("#incentive")).ToContainTextAsync("invoices we issue to you now get 2 % off when paid in full within 10 days");
        var offer = browser.Page.Locator("#open-invoices .discount-offer");
        await Assertions.Expect(offer).ToContainTextAsync("Pay EUR 980.00 by");
        await Assertions.Expect(offer).ToContainTextAsync("and save EUR 20.00.");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal scrolls sideways on a phone");
        await browser.ScreenshotAsync("portal-incentive-phone");
    }
}
