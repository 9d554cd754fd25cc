using System.Globalization;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>A clerk on the demo tenant works the /Replies queue: accepts a suggested promise.</summary>
public sealed class ReplyQueueBrowserTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_clerk_accepts_a_suggested_promise_from_the_queue_and_the_promise_is_recorded()
    {
        var tenant = await app.DemoTenantAsync();
        var reply = await app.WithDbAsync(tenant, db => db.ReplyClassifications.AsNoTracking()
            .Where(r => r.SuggestedAction == ReplyAction.RecordPromise && r.Status == ReplySuggestionStatus.Open && r.CustomerId != null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, CustomerId = r.CustomerId!.Value }).FirstAsync());
        var promisesBefore = await app.WithDbAsync(tenant, db => db.Promises.CountAsync(p => p.CustomerId == reply.CustomerId));
        var promised = app.Today.AddDays(9);
        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[2].Email, DemoBootstrap.Password);

        await page.GotoAsync("/Replies?view=open");
        await page.Locator($"#replies a[href='/Replies/Details/{reply.Id}']").ClickAsync();
        await Assertions.Expect(page.Locator("#suggested-action h2")).ToHaveTextAsync("Suggested: record this promise");
        await page.FillAsync("#PromisedDate", promised.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#Amount", "250.00");
        await browser.ScreenshotAsync("reply-promise-suggested");
        await page.Locator("#accept").ClickAsync();

        await Assertions.Expect(page.Locator("#reply-notice")).ToHaveTextAsync("Promise recorded; reminders wait until the promised date.");
        await Assertions.Expect(page.Locator("#suggestion-status")).ToHaveTextAsync("accepted");
        await Assertions.Expect(page.Locator("#suggested-action")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("reply-promise-recorded");
        var promises = await app.WithDbAsync(tenant, db => db.Promises.AsNoTracking().Where(p => p.CustomerId == reply.CustomerId).ToListAsync());
        Assert.Equal(promisesBefore + 1, promises.Count);
        Assert.Contains(promises, p => p.PromisedDate == promised && p.Amount == 250.00m && p.Status == PromiseStatus.Open);
        await page.GotoAsync("/Replies?view=open");
        await Assertions.Expect(page.Locator($"#replies a[href='/Replies/Details/{reply.Id}']")).ToHaveCountAsync(0);
    }
}
