using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>The run follows each customer's own policy, and the default for customers without one.</summary>
public sealed class CustomerPolicyRunTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>The shipped default (first step 3 days before due) plus "Late start", whose only step is 3 days overdue, firm.</summary>
    private async Task<Guid> AddLateStartPolicyAsync()
    {
        await using var scope = db.ForTenant(tenant);
        await DunningSetup.EnsureDefaultsAsync(scope.Db, tenant, CancellationToken.None);
        var policy = new ReminderPolicy { Id = Guid.CreateVersion7(), Name = "Late start" };
        policy.Steps.Add(new ReminderStep { Id = Guid.CreateVersion7(), PolicyId = policy.Id, OffsetDays = 3, Tone = ReminderTone.Firm, Actions = StepActions.Email });
        scope.Db.ReminderPolicies.Add(policy);
        await scope.Db.SaveChangesAsync();
        return policy.Id;
    }

    private async Task<List<(string Customer, string Policy, int Offset, ReminderTone Tone)>> ReachedAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var rows = await (
            from log in scope.Db.ReminderLog
            join step in scope.Db.ReminderSteps on log.StepId equals step.Id
            join policy in scope.Db.ReminderPolicies on step.PolicyId equals policy.Id
            join customer in scope.Db.Customers on log.CustomerId equals customer.Id
            select new { Customer = customer.Name, Policy = policy.Name, step.OffsetDays, log.Tone, log.RunDate })
            .ToListAsync();
        return rows.OrderBy(r => r.RunDate).ThenBy(r => r.Customer, StringComparer.Ordinal)
            .Select(r => (r.Customer, r.Policy, r.OffsetDays, r.Tone)).ToList();
    }

    [Fact]
    public async Task A_customer_on_a_policy_starting_after_due_gets_no_pre_due_reminder_and_later_its_own_step()
    {
        var lateStart = await AddLateStartPolicyAsync();
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var globex = await LedgerBuilder.AddCustomerAsync(db, tenant, "Globex");
        await UpdateCustomerAsync(db, tenant, globex.Id, c => c.ReminderPolicyId = lateStart);
        await AddOverdueAsync(db, tenant, acme, "INV-1", -2);
        await AddOverdueAsync(db, tenant, globex, "INV-2", -2);

        await RunAsync(db, tenant);

        // Due in 2 days: the default's "3 days before due" step is reached, the Late start policy has nothing yet.
        Assert.Equal([acme.Id], (await OutboxAsync(db, tenant)).Select(m => m.CustomerId));
        Assert.Equal([("Acme", "Standard", -3, ReminderTone.Friendly)], await ReachedAsync());

        db.Time.Advance(TimeSpan.FromDays(5));
        await RunAsync(db, tenant);

        // 3 days overdue: Acme reaches the default's +1 neutral step, Globex its own +3 firm one.
        Assert.Equal(
            [("Acme", "Standard", -3, ReminderTone.Friendly), ("Acme", "Standard", 1, ReminderTone.Neutral), ("Globex", "Late start", 3, ReminderTone.Firm)],
            await ReachedAsync());
        Assert.Equal(3, (await OutboxAsync(db, tenant)).Count);
    }

    [Fact]
    public async Task Customers_without_a_policy_follow_whichever_policy_is_the_default()
    {
        var lateStart = await AddLateStartPolicyAsync();
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", -2);
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.ReminderPolicies.Where(p => p.IsDefault).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsDefault, false));
            await scope.Db.ReminderPolicies.Where(p => p.Id == lateStart).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsDefault, true));
        }

        await RunAsync(db, tenant);

        Assert.Empty(await OutboxAsync(db, tenant));
        Assert.Empty(await ReachedAsync());
    }
}
