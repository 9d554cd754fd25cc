using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Dunning;
using ArCollect.IntegrationTests.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Demo;

public sealed class DemoReminderHistoryTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Demo_tenant_gets_sent_reminders_and_replies_and_todays_run_has_nothing_left_to_repeat()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await using (var scope = db.ForTenant(tenant))
        {
            await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 60, Invoices = 1500 }, CancellationToken.None);
            await DemoReminderHistory.GenerateAsync(scope.Db, scope.Services.GetRequiredService<ReminderTemplateEngine>(), db.Time.GetUtcNow(), CancellationToken.None);
        }

        await using (var scope = db.ForTenant(tenant))
        {
            var reminders = await scope.Db.OutboxMessages.Where(m => m.Kind == MessageKind.Reminder).ToListAsync();
            Assert.True(reminders.Count(m => m.Status == OutboxStatus.Sent) >= 10, $"{reminders.Count} reminders");
            Assert.All(reminders.Where(m => m.Status == OutboxStatus.Sent), m => Assert.Equal(m.NotBefore, m.SentAt));
            var replies = await scope.Db.InboundMessages.ToListAsync();
            Assert.Contains(replies, r => !r.IsAutoReply);
            Assert.All(replies, r => Assert.NotNull(r.ReplyToOutboxId));
            Assert.Equal(0, await scope.Db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Parked));
        }

        var again = await DunningTestData.RunAsync(db, tenant);
        Assert.Equal(0, again.Messages);
    }
}
