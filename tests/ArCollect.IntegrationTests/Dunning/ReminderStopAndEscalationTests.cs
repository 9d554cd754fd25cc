using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

public sealed class ReminderStopAndEscalationTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Disputed_invoice_is_left_out_of_the_message()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 8);
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Invoices.Where(i => i.Number == "INV-1").ExecuteUpdateAsync(s => s.SetProperty(i => i.IsDisputed, true));
        }

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Contains("INV-2", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-1", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promise_pauses_reminders_and_a_broken_promise_resumes_them_with_a_task()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = acme.Id,
                PromisedDate = db.Today.AddDays(2),
                Amount = 100m,
                Currency = "EUR",
                Status = PromiseStatus.Open,
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);
        Assert.Empty(await OutboxAsync(db, tenant));

        // Promised for 17 June; on 18 June nothing was paid: broken, reminders resume, the collector gets a task.
        db.Time.Advance(TimeSpan.FromDays(3));
        await RunAsync(db, tenant);

        Assert.Single(await OutboxAsync(db, tenant));
        var task = Assert.Single(await TasksAsync(db, tenant));
        Assert.Equal("Acme: promise to pay by 2026-06-17 was broken", task.Title);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(PromiseStatus.Broken, (await check.Db.Promises.SingleAsync()).Status);
        var entry = Assert.Single(await check.Db.Activities.Where(a => a.Type == ActivityType.PromiseToPay).ToListAsync());
        Assert.Equal("Promise broken: EUR 100.00 promised by 2026-06-17 has not arrived", entry.Summary);
    }

    [Fact]
    public async Task Promise_covered_by_a_payment_is_kept()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 500m);
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = acme.Id,
                PromisedDate = db.Today.AddDays(2),
                Amount = 200m,
                Currency = "EUR",
                Status = PromiseStatus.Open,
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        // Money applied to the customer's invoices after the promise keeps it (money left on account would not).
        await using (var scope = db.ForTenant(tenant))
        {
            var paid = await scope.Services.GetRequiredService<ArCollect.Infrastructure.Payments.PaymentRecorder>().RecordAsync(
                new RecordPaymentInput { CustomerId = acme.Id, ReceivedOn = db.Today.AddDays(1), Amount = 200m, Currency = "EUR" }, CancellationToken.None);
            Assert.True(paid.Succeeded);
        }

        db.Time.Advance(TimeSpan.FromDays(3));
        await RunAsync(db, tenant);

        await using var check = db.ForTenant(tenant);
        Assert.Equal(PromiseStatus.Kept, (await check.Db.Promises.SingleAsync()).Status);
        Assert.Empty(await TasksAsync(db, tenant));
    }

    [Fact]
    public async Task Do_not_contact_customer_gets_no_email_but_the_step_is_on_the_timeline()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await UpdateCustomerAsync(db, tenant, acme.Id, c => c.DoNotContact = true);
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);

        await RunAsync(db, tenant);

        Assert.Empty(await OutboxAsync(db, tenant));
        await using var scope = db.ForTenant(tenant);
        var activity = await scope.Db.Activities.SingleAsync();
        Assert.Equal("Reminder step reached (7 days overdue), no email: Customer is marked do-not-contact.", activity.Summary);
    }

    [Fact]
    public async Task Bounced_only_contact_means_no_email_and_a_task_to_fix_the_address()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await UpdateCustomerAsync(db, tenant, acme.Id, c => c.Contacts[0].Bounced = true);
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);

        await RunAsync(db, tenant);

        Assert.Empty(await OutboxAsync(db, tenant));
        Assert.Equal("Find a working email address for Acme", Assert.Single(await TasksAsync(db, tenant)).Title);
    }

    [Fact]
    public async Task Days_overdue_escalation_creates_one_task_however_often_the_run_repeats()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 50);

        await RunAsync(db, tenant);
        db.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(db, tenant);

        var tasks = await TasksAsync(db, tenant);
        Assert.Equal(
            ["Acme: invoice INV-1 is 50 days overdue", "Review Acme: final reminder sent"],
            tasks.Select(t => t.Title).Order(StringComparer.Ordinal));
        Assert.Equal(TaskAssignee.Manager, tasks.Single(t => t.Title.StartsWith("Review", StringComparison.Ordinal)).Assignee);
    }

    [Fact]
    public async Task Key_account_past_thirty_days_alerts_the_managers_by_email()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await UpdateCustomerAsync(db, tenant, acme.Id, c => c.IsKeyAccount = true);
        await AddOverdueAsync(db, tenant, acme, "INV-1", 31);
        await using (var scope = db.ForTenant(tenant))
        {
            var role = new Microsoft.AspNetCore.Identity.IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = "Manager", NormalizedName = "MANAGER" };
            var user = new ArCollect.Infrastructure.Identity.AppUser { Id = Guid.CreateVersion7(), TenantId = tenant, DisplayName = "Mia", Email = "mia@northwind.example", UserName = "mia@northwind.example" };
            scope.Db.Roles.Add(role);
            scope.Db.Users.Add(user);
            scope.Db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { RoleId = role.Id, UserId = user.Id });
            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);

        var alerts = await OutboxAsync(db, tenant, MessageKind.ManagerAlert);
        Assert.Contains(alerts, a => a.Subject == "Key account Acme: invoice INV-1 is 31 days overdue" && a.ToAddresses == "mia@northwind.example");
    }

    [Fact]
    public async Task Final_step_manager_notification_is_emailed_to_the_managers_through_the_outbox()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 30);
        await using (var scope = db.ForTenant(tenant))
        {
            var role = new Microsoft.AspNetCore.Identity.IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = "Manager", NormalizedName = "MANAGER" };
            var user = new ArCollect.Infrastructure.Identity.AppUser { Id = Guid.CreateVersion7(), TenantId = tenant, DisplayName = "Mia", Email = "mia@northwind.example", UserName = "mia@northwind.example" };
            scope.Db.Roles.Add(role);
            scope.Db.Users.Add(user);
            scope.Db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { RoleId = role.Id, UserId = user.Id });
            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);
        await RunAsync(db, tenant);

        var alert = Assert.Single(await OutboxAsync(db, tenant, MessageKind.ManagerAlert), a => a.Subject == "Review Acme: final reminder sent");
        Assert.Equal(("mia@northwind.example", MessageKind.ManagerAlert), (alert.ToAddresses, alert.Kind));
        Assert.Equal(OutboxStatus.Pending, alert.Status);
    }

    [Fact]
    public async Task No_response_after_two_reminders_creates_a_task_and_a_reply_resets_the_count()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        db.Time.Advance(TimeSpan.FromDays(6));
        await RunAsync(db, tenant);
        Assert.Empty(await TasksAsync(db, tenant));

        db.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(db, tenant);

        Assert.Equal("Acme: no response after 2 reminders", Assert.Single(await TasksAsync(db, tenant)).Title);
    }

    [Fact]
    public async Task Two_runs_at_once_write_one_message()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);

        var results = await Task.WhenAll(RunAsync(db, tenant), RunAsync(db, tenant));

        Assert.Equal(1, results.Sum(r => r.Messages));
        Assert.Single(await OutboxAsync(db, tenant));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_dunning_rows()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 50);
        await RunAsync(db, tenant);
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");

        await using var scope = db.ForTenant(other);
        var counts = new[]
        {
            await scope.Db.ReminderLog.IgnoreQueryFilters().CountAsync(),
            await scope.Db.CollectionTasks.IgnoreQueryFilters().CountAsync(),
            await scope.Db.ReminderPolicies.IgnoreQueryFilters().CountAsync(),
            await scope.Db.ReminderSteps.IgnoreQueryFilters().CountAsync(),
            await scope.Db.EscalationRules.IgnoreQueryFilters().CountAsync(),
            await scope.Db.OutboxMessages.IgnoreQueryFilters().CountAsync(),
        };
        Assert.Equal([0, 0, 0, 0, 0, 0], counts);
    }

    [Fact]
    public async Task Collections_status_shows_the_last_reminder_and_the_open_tasks()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 15);

        await RunAsync(db, tenant);

        await using var scope = db.ForTenant(tenant);
        var status = await ArCollect.Infrastructure.Dunning.CollectionsStatus.LoadAsync(scope.Db, acme.Id, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal((db.Today, ReminderTone.Firm), (status.LastReminderOn!.Value, status.LastTone!.Value));
        Assert.Equal(["Call Acme about 1 open invoice(s)"], status.OpenTasks);
    }
}
