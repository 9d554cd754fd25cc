using ArCollect.Domain.CashApplication;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A clerk works the unapplied-cash queue of the demo tenant: parks the bank's interest, accepts a suggestion, undoes it.</summary>
public sealed class CashApplicationBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_clerk_parks_interest_accepts_a_combined_payment_and_undoes_it_with_a_reason()
    {
        var tenant = await app.DemoTenantAsync();
        var (interest, combined, applied) = await app.WithDbAsync(tenant, async db => (
            await db.BankEntries.Where(e => e.Status == BankEntryStatus.Unapplied && e.PayerName == "Demo Bank AG").Select(e => e.Id).FirstAsync(),
            await db.BankEntries.Where(e => e.Status == BankEntryStatus.Unapplied && e.Remittance == "Payment for last month").Select(e => e.Id).FirstAsync(),
            await db.BankEntries.CountAsync(e => e.Status == BankEntryStatus.Applied && e.AppliedBy == ApplicationMode.Automatic)));
        Assert.True(applied >= 30, $"most demo receipts applied themselves ({applied})");
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[2].Email, DemoBootstrap.Password);

        await page.GotoAsync("/CashApplication");
        await Assertions.Expect(page.Locator("#queue tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#cash-tile")).ToContainTextAsync("Applied automatically");
        await browser.ScreenshotAsync("cash-queue");

        await page.GotoAsync($"/CashApplication/Entry/{interest}");
        await page.Locator("#park input[name=Note]").FillAsync("Interest from our bank");
        await page.GetByRole(AriaRole.Button, new() { Name = "Park" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Parked");

        await page.GotoAsync($"/CashApplication/Entry/{combined}");
        var first = page.Locator("#suggestions .suggestion").First;
        await Assertions.Expect(first).ToContainTextAsync("add up to the amount");
        await browser.ScreenshotAsync("cash-suggestions");
        await first.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Applied by a clerk");
        var paid = await app.WithDbAsync(tenant, db => db.BankEntries.Where(e => e.Id == combined).Select(e => e.PaymentId).SingleAsync());
        Assert.NotNull(paid);

        await page.Locator("#undo input[name=Note]").FillAsync("Customer says it paid another period");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo application" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Waiting to be applied");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Customer says it paid another period");
        await browser.ScreenshotAsync("cash-undone");

        var after = await app.WithDbAsync(tenant, async db => (
            await db.BankEntries.Where(e => e.Id == interest).Select(e => e.Status).SingleAsync(),
            await db.BankEntries.Where(e => e.Id == combined).Select(e => e.Status).SingleAsync(),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(BankEntry) && a.EntityId == combined)));
        Assert.Equal((BankEntryStatus.Parked, BankEntryStatus.Unapplied, 1), after);
    }
}
