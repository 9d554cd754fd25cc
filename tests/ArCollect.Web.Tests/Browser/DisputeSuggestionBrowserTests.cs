using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A clerk on the demo tenant works the dispute queue and accepts the resolution suggested by similar past disputes.</summary>
public sealed class DisputeSuggestionBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_clerk_accepts_a_suggested_credit_note_checks_the_prefilled_form_and_confirms()
    {
        var tenant = await app.DemoTenantAsync();
        var (disputeId, suggestion) = await FindSuggestedAsync(tenant);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[2].Email, DemoBootstrap.Password);

        await page.GotoAsync("/Disputes?owner=all");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disputes" })).ToBeVisibleAsync();
        await page.Locator($"#dispute-queue a[href='/Disputes/Details/{disputeId}']").ClickAsync();
        await Assertions.Expect(page.Locator("#suggestion-evidence")).ToHaveTextAsync(suggestion.Evidence);
        await browser.ScreenshotAsync("dispute-suggestion");

        await page.Locator("#accept-suggestion").ClickAsync();
        await Assertions.Expect(page.Locator("#Resolve_Outcome")).ToHaveValueAsync(nameof(DisputeOutcome.CreditNote));
        await Assertions.Expect(page.Locator("#Resolve_Amount")).ToHaveValueAsync(suggestion.CreditAmount!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#confirm-resolution").ClickAsync();

        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("Dispute resolved: credit note.");
        await Assertions.Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Resolved: Credit note");
        await browser.ScreenshotAsync("dispute-resolved");
        var (outcome, credited, disputed) = await app.WithDbAsync(tenant, async db =>
        {
            var d = await db.Disputes.AsNoTracking().SingleAsync(x => x.Id == disputeId);
            var note = await db.CreditNotes.AsNoTracking().SingleAsync(c => c.Id == d.CreditNoteId);
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == d.InvoiceId);
            return (d.Outcome, note.Amount, invoice.IsDisputed);
        });
        Assert.Equal((DisputeOutcome.CreditNote, suggestion.CreditAmount.Value, false), (outcome, credited, disputed));
    }

    /// <summary>An open demo dispute whose suggestion is a credit note (the demo credits most damaged-goods and quantity disputes).</summary>
    private async Task<(Guid Id, DisputeSuggestion Suggestion)> FindSuggestedAsync(Guid tenant)
    {
        var open = await app.WithDbAsync(tenant, db => db.Disputes.AsNoTracking()
            .Where(d => d.Status == DisputeStatus.Open || d.Status == DisputeStatus.InReview || d.Status == DisputeStatus.WaitingOnCustomer)
            .OrderBy(d => d.OpenedOn).Select(d => d.Id).ToListAsync());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var suggestions = scope.ServiceProvider.GetRequiredService<DisputeSuggestions>();
        foreach (var id in open)
        {
            if (await suggestions.ForAsync(id, CancellationToken.None) is { Outcome: DisputeOutcome.CreditNote } suggestion)
            {
                return (id, suggestion);
            }
        }

        throw new InvalidOperationException($"None of the demo's {open.Count} open disputes has a credit-note suggestion.");
    }
}
