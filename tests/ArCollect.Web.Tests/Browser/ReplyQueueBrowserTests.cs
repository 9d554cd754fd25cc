using System.Globalization;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Replies;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ArCollect.Web.Tests.Browser;

/// <summary>
/// The /Replies queue on the demo tenant: a clerk accepts a suggested promise; a manager acknowledges a frustrated reply,
/// which had paused the customer's reminders, and the next reminder run reminds that customer again.
/// </summary>
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

    [Fact]
    public async Task A_frustrated_reply_pauses_the_customers_reminders_until_a_manager_acknowledges_it()
    {
        var tenant = await app.DemoTenantAsync();
        var reply = await app.WithDbAsync(tenant, db => db.ReplyClassifications.AsNoTracking()
            .Where(r => r.Tone == ReplyLabels.Frustrated && r.NeedsAcknowledgement && r.AcknowledgedAt == null && r.CustomerId != null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, CustomerId = r.CustomerId!.Value, r.InboundMessageId }).FirstAsync());
        var taskKey = ReplyIntake.ToneTaskKey(reply.InboundMessageId);
        Assert.Equal(TaskAssignee.Manager, await app.WithDbAsync(tenant, db => db.CollectionTasks.Where(t => t.SourceKey == taskKey).Select(t => t.Assignee).SingleAsync()));

        // The next weekly run, as the demo's history was replayed: other customers are reminded, this customer is not.
        var runAt = DateTimeOffset.UtcNow.AddDays(7);
        var before = await RemindersAsync(tenant);
        await RunRemindersAsync(tenant, runAt);
        var held = await RemindersAsync(tenant);
        Assert.Equal(before.GetValueOrDefault(reply.CustomerId), held.GetValueOrDefault(reply.CustomerId));
        Assert.True(held.Values.Sum() > before.Values.Sum(), "the run reminded no customer at all, so it proves nothing about the held one");

        await using var browser = await BrowserSession.StartAsync(app.BaseAddress);
        var page = browser.Page;
        await browser.SignInAsync(DemoBootstrap.Logins[1].Email, DemoBootstrap.Password);
        await page.GotoAsync("/Replies?view=attention");
        var row = page.Locator($"#replies a[href='/Replies/Details/{reply.Id}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#tone-hold")).ToContainTextAsync("reminders to this customer are paused");
        await browser.ScreenshotAsync("reply-frustrated-held");
        await page.Locator("#acknowledge").ClickAsync();

        await Assertions.Expect(page.Locator("#reply-notice")).ToHaveTextAsync("Acknowledged; automated reminders to this customer resume.");
        await Assertions.Expect(page.Locator("#tone-hold")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("reply-frustrated-acknowledged");
        await page.GotoAsync("/Replies?view=attention");
        await Assertions.Expect(page.Locator($"#replies a[href='/Replies/Details/{reply.Id}']")).ToHaveCountAsync(0);
        Assert.Equal(CollectionTaskStatus.Done, await app.WithDbAsync(tenant, db => db.CollectionTasks.Where(t => t.SourceKey == taskKey).Select(t => t.Status).SingleAsync()));

        // The same run again: now the customer is reminded too.
        await RunRemindersAsync(tenant, runAt);
        var resumed = await RemindersAsync(tenant);
        Assert.True(resumed.GetValueOrDefault(reply.CustomerId) > held.GetValueOrDefault(reply.CustomerId));
    }

    private Task<Dictionary<Guid, int>> RemindersAsync(Guid tenant) => app.WithDbAsync(tenant, db => db.OutboxMessages.AsNoTracking()
        .Where(m => m.Kind == MessageKind.Reminder && m.CustomerId != null)
        .GroupBy(m => m.CustomerId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    private async Task RunRemindersAsync(Guid tenant, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var runner = new ReminderRunner(
            scope.ServiceProvider.GetRequiredService<ArCollectDbContext>(),
            scope.ServiceProvider.GetRequiredService<ReminderTemplateEngine>(),
            new FixedClock(at),
            scope.ServiceProvider.GetRequiredService<IOptions<DunningOptions>>(),
            NullLogger<ReminderRunner>.Instance);
        await runner.RunAsync(CancellationToken.None);
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
