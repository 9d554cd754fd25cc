using System.Text.RegularExpressions;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A customer follows a reminder's link, asks for a payment plan that the rules approve at once, and the clerk sees it.</summary>
public sealed partial class PortalPlanBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_customer_follows_a_reminders_link_and_gets_a_plan_approved_by_rule_that_the_clerk_sees_on_the_timeline()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Plan Portal Seller");
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Instalment Buyer", "IB-1", 600m, 12);
        var today = LedgerSeed.Today(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderRunJob>().RunAsync(company.TenantId, CancellationToken.None);
        }

        var reminder = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == MessageKind.Reminder));
        var link = LinkPattern().Match(reminder.TextBody);
        Assert.True(link.Success, reminder.TextBody);

        await using var browser = await BrowserSession.StartAsync(app.BaseAddress, new ViewportSize { Width = 390, Height = 844 });
        var page = browser.Page;
        await page.GotoAsync(link.Groups[1].Value);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask for a payment plan" }).ClickAsync();
        await page.GetByLabel("Number of instalments").FillAsync("3");
        await page.GetByLabel("Date of the first instalment").FillAsync(today.AddDays(5).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for this plan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your payment plan is approved.");
        // 600.00 in three instalments of 200.00.
        await Assertions.Expect(page.Locator("#plans")).ToContainTextAsync("EUR 600.00 in 3 instalments · Active");
        await Assertions.Expect(page.Locator("#plans")).ToContainTextAsync("Next instalment: EUR 200.00");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal scrolls sideways on a phone");
        await browser.ScreenshotAsync("portal-plan-phone");

        await using var clerk = await BrowserSession.StartAsync(app.BaseAddress);
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await clerk.Page.GotoAsync($"/Customers/Details/{customerId}");
        await Assertions.Expect(clerk.Page.Locator("#timeline")).ToContainTextAsync(
            $"Customer asked in the portal for a payment plan: EUR 600.00 in 3 instalments from {today.AddDays(5):yyyy-MM-dd}, approved");
        await clerk.Page.GetByRole(AriaRole.Link, new() { Name = "Payment plans" }).ClickAsync();
        await Assertions.Expect(clerk.Page.Locator(".plan-status")).ToHaveTextAsync("Active");
    }

    [GeneratedRegex("See your account online: https?://[^/\\s]+(/portal/\\S+)")]
    private static partial Regex LinkPattern();
}
