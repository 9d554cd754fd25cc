using System.Text.RegularExpressions;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Tests.Infrastructure;
using ArCollect.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A customer follows the link in a real reminder and works their account on a phone; the clerk sees it all.</summary>
public sealed partial class PortalBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_customer_follows_a_reminders_link_sees_invoices_downloads_the_statement_promises_and_disputes_with_a_file()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Portal Seller");
        await PortalSeed.AddBankAccountAsync(app, company.TenantId);
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Portal Buyer GmbH", "PB-1", 480m, 8);
        var today = LedgerSeed.Today(app);
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customerId, "PB-2", 220m, today.AddDays(-3), today.AddDays(27));
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
        await Assertions.Expect(page.Locator("#open-invoices")).ToContainTextAsync("PB-1");
        await Assertions.Expect(page.Locator("#open-invoices")).ToContainTextAsync("PB-2");
        await Assertions.Expect(page.Locator("#balance-EUR")).ToHaveTextAsync("EUR 700.00");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the portal scrolls sideways on a phone");
        await page.Locator("[data-invoice='PB-1'] summary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-invoice='PB-1'] img.qr")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-invoice='PB-1'] img.qr\").naturalWidth > 100");
        await browser.ScreenshotAsync("portal-phone");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download statement (PDF)" }).ClickAsync());
        Assert.StartsWith("statement-", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Promise a payment date" }).ClickAsync();
        await page.GetByLabel("Invoice").SelectOptionAsync(new SelectOptionValue { Label = "PB-1 · EUR 480.00" });
        await page.GetByLabel("Date").FillAsync(today.AddDays(9).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Amount").FillAsync("480.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send promise" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your promise is recorded");
        await Assertions.Expect(page.Locator("#promises")).ToContainTextAsync("EUR 480.00");

        await page.GetByRole(AriaRole.Link, new() { Name = "Dispute an invoice" }).ClickAsync();
        await page.GetByLabel("Invoice PB-2").FillAsync("220.00");
        await page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Wrong price" });
        await page.GetByLabel("Message").FillAsync("The unit price differs from our order.");
        await page.GetByLabel("Attachments").SetInputFilesAsync(new FilePayload { Name = "order.png", MimeType = "image/png", Buffer = TestImages.Png(40, 20) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send dispute" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your dispute is recorded");
        await Assertions.Expect(page.Locator("#disputes")).ToContainTextAsync("PB-2");
        await page.SetViewportSizeAsync(1366, 900);
        await browser.ScreenshotAsync("portal-desktop");

        await using var clerk = await BrowserSession.StartAsync(app.BaseAddress);
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await clerk.Page.GotoAsync($"/Customers/Details/{customerId}");
        var timeline = clerk.Page.Locator("#timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Customer promised in the portal: EUR 480.00 for invoice PB-1");
        await Assertions.Expect(timeline).ToContainTextAsync("Customer disputed in the portal (PricingError): PB-2 (EUR 220.00)");
        var attachments = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.DisputeAttachments.AsNoTracking().Select(a => a.ContentType).ToListAsync());
        Assert.Equal(["image/png"], attachments);
    }

    [GeneratedRegex("See your account online: https?://[^/\\s]+(/portal/\\S+)")]
    private static partial Regex LinkPattern();
}
