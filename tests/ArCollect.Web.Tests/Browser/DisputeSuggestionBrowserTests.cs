using System.Globalization;
using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A clerk on the demo tenant opens a pricing dispute and accepts the resolution suggested by similar past disputes.</summary>
public sealed class DisputeSuggestionBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_clerk_opens_a_dispute_accepts_the_suggested_resolution_checks_the_prefilled_form_and_confirms()
    {
        var tenant = await app.DemoTenantAsync();
        var (invoiceId, number, balance) = await app.WithDbAsync(tenant, async db =>
        {
            var chosen = await db.Invoices
                .Where(i => i.Currency == "EUR" && i.Balance > 100m && !i.IsDisputed && i.AmountPaid == 0m && i.AmountCredited == 0m
                    && db.Contacts.Any(c => c.CustomerId == i.CustomerId && !c.Bounced && c.Email != ""))
                .OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Balance }).FirstAsync();
            return (chosen.Id, chosen.Number, chosen.Balance);
        });
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[2].Email, DemoBootstrap.Password);

        await page.GotoAsync($"/Invoices/Details/{invoiceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open dispute" }).ClickAsync();
        await page.FillAsync("#Rows_0__Amount", "100");
        await page.SelectOptionAsync("#ReasonCode", "pricing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("Dispute opened.");
        var disputeId = await app.WithDbAsync(tenant, db => db.Disputes.Where(d => d.InvoiceId == invoiceId && d.Status == DisputeStatus.Open).Select(d => d.Id).SingleAsync());
        var suggestion = await SuggestionAsync(tenant, disputeId);
        await Assertions.Expect(page.Locator("#suggestion-evidence")).ToHaveTextAsync(suggestion.Evidence);
        await browser.ScreenshotAsync("dispute-suggestion");

        await page.Locator("#accept-suggestion").ClickAsync();
        await Assertions.Expect(page.Locator("#Resolve_Outcome")).ToHaveValueAsync(suggestion.Outcome.ToString());
        if (suggestion.CreditAmount is { } credit)
        {
            await Assertions.Expect(page.Locator("#Resolve_Amount")).ToHaveValueAsync(credit.ToString("0.00", CultureInfo.InvariantCulture));
        }
        else if (suggestion.Outcome == DisputeOutcome.Rejected)
        {
            await Assertions.Expect(page.Locator("#Resolve_Explanation")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"invoice {number}"));
        }

        await page.Locator("#confirm-resolution").ClickAsync();

        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync($"Dispute resolved: {DisputeLifecycle.Label(suggestion.Outcome).ToLowerInvariant()}.");
        await Assertions.Expect(page.Locator("#dispute-status")).ToHaveTextAsync($"Resolved: {DisputeLifecycle.Label(suggestion.Outcome)}");
        await browser.ScreenshotAsync("dispute-resolved");
        var (outcome, disputed, credited) = await app.WithDbAsync(tenant, async db =>
        {
            var d = await db.Disputes.AsNoTracking().SingleAsync(x => x.Id == disputeId);
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
            return (d.Outcome, invoice.IsDisputed, invoice.AmountCredited);
        });
        Assert.Equal((suggestion.Outcome, false), (outcome!.Value, disputed));
        Assert.Equal(
            suggestion.Outcome switch { DisputeOutcome.CreditNote => suggestion.CreditAmount!.Value, DisputeOutcome.Rebill => balance, _ => 0m },
            credited);
    }

    private async Task<DisputeSuggestion> SuggestionAsync(Guid tenant, Guid disputeId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await scope.ServiceProvider.GetRequiredService<DisputeSuggestions>().ForAsync(disputeId, CancellationToken.None)
            ?? throw new InvalidOperationException("The demo has too few resolved pricing disputes for a suggestion.");
    }
}
