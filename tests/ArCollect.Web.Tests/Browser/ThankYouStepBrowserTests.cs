using ArCollect.Domain.Dunning;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

public sealed class ThankYouStepBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_adds_a_thank_you_step_by_SMS_finds_its_German_template_and_removes_the_step()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Thanks Co");
        await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Brightside Bakery", "INV-3001", 250m, 10);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        await browser.Page.GotoAsync("/Settings/Reminders");
        var policy = await PolicyAsync(company.TenantId);
        Assert.Equal(StepActions.None, policy.ThankYouActions);

        var page = browser.Page;
        await page.GotoAsync($"/Settings/ReminderPolicy/{policy.Id}");
        // Thank you is a step of its own, never a tone for a reminder by offset.
        await Assertions.Expect(page.GetByLabel("Tone").First.Locator("option", new() { HasText = "ThankYou" })).ToHaveCountAsync(0);
        await page.GetByLabel("Thank the customer after payment").CheckAsync();
        await page.Locator("#thank-you-step").GetByLabel("Email").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Choose email, SMS or both for the thank-you step")).ToBeVisibleAsync();
        Assert.Equal(StepActions.None, (await PolicyAsync(company.TenantId)).ThankYouActions);

        await page.Locator("#thank-you-step").GetByLabel("SMS").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Thank the customer after payment")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#thank-you-step").GetByLabel("SMS")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#thank-you-step").GetByLabel("Email")).Not.ToBeCheckedAsync();
        await browser.ScreenshotAsync("policy-thank-you-step");
        Assert.Equal(StepActions.Sms, (await PolicyAsync(company.TenantId)).ThankYouActions);

        await page.Locator("#thank-you-step").GetByRole(AriaRole.Link, new() { Name = "Templates" }).ClickAsync();
        await page.GotoAsync("/Settings/Templates?tone=ThankYou&language=de");
        await Assertions.Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Vielen Dank für Ihre Zahlung ({{ tenant.name }})");

        await page.GotoAsync($"/Settings/ReminderPolicy/{policy.Id}");
        await page.GetByLabel("Thank the customer after payment").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        Assert.Equal(StepActions.None, (await PolicyAsync(company.TenantId)).ThankYouActions);
    }

    private Task<ReminderPolicy> PolicyAsync(Guid tenantId) =>
        LedgerSeed.WithDbAsync(app, tenantId, db => db.ReminderPolicies.AsNoTracking().SingleAsync());
}
