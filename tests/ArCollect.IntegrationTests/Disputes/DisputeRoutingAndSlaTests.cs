using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Disputes;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Disputes.DisputeTestKit;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DisputeRoutingAndSlaTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Routing GmbH");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Rules_send_key_accounts_to_a_senior_and_damaged_goods_round_robin_through_the_team()
    {
        var senior = await AddClerkAsync(db, tenant, "Sam");
        var anna = await AddClerkAsync(db, tenant, "Anna");
        var ben = await AddClerkAsync(db, tenant, "Ben");
        var plain = await LedgerBuilder.AddCustomerAsync(db, tenant, "Plain");
        var key = await LedgerBuilder.AddCustomerAsync(db, tenant, "Key");
        Guid teamId;
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsKeyAccount, true));
            var team = new DisputeTeam { Id = Guid.CreateVersion7(), Name = "Claims", MemberIds = [anna, ben] };
            teamId = team.Id;
            scope.Db.DisputeTeams.Add(team);
            scope.Db.DisputeRoutingRules.AddRange(
                new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 1, KeyAccountsOnly = true, UserId = senior, Priority = DisputePriority.High },
                new DisputeRoutingRule { Id = Guid.CreateVersion7(), Order = 2, ReasonCode = "damaged-goods", MaxAmount = 1000m, TeamId = team.Id });
            await scope.Db.SaveChangesAsync();
        }

        var owners = new List<Guid?>();
        for (var n = 0; n < 3; n++)
        {
            var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, plain.Id, $"P-{n}", 500m, db.Today, db.Today.AddDays(30));
            owners.Add((await LoadAsync(db, tenant, (await OpenAsync(db, tenant, "damaged-goods", (invoice.Id, 100m))).Id!.Value)).OwnerUserId);
        }

        var keyInvoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, key.Id, "K-1", 500m, db.Today, db.Today.AddDays(30));
        var keyDispute = await LoadAsync(db, tenant, (await OpenAsync(db, tenant, "damaged-goods", (keyInvoice.Id, 100m))).Id!.Value);
        var bigInvoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, plain.Id, "P-9", 5000m, db.Today, db.Today.AddDays(30));
        var unrouted = await LoadAsync(db, tenant, (await OpenAsync(db, tenant, "damaged-goods", (bigInvoice.Id, 2000m))).Id!.Value);

        Assert.Equal([anna, ben, anna], owners);
        Assert.Equal((senior, DisputePriority.High), (keyDispute.OwnerUserId, keyDispute.Priority));
        Assert.Equal("rule 1: key accounts", keyDispute.RoutedBy);
        Assert.Null(unrouted.OwnerUserId);
        Assert.Equal(DisputePriority.Normal, unrouted.Priority);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(3, (await check.Db.DisputeTeams.AsNoTracking().SingleAsync(t => t.Id == teamId)).Assigned);
    }

    [Fact]
    public async Task A_dispute_past_its_SLA_is_at_risk_then_breached_and_alerts_the_managers_once()
    {
        await AddUserAsync(db, tenant, "Maria", Roles.Manager);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Slow");
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.DisputeSlaPolicies.Add(new DisputeSlaPolicy { Id = Guid.CreateVersion7(), ReasonCode = "pricing", Priority = DisputePriority.Normal, ResolveWithinHours = 48, AtRiskPercent = 75 });
            await scope.Db.SaveChangesAsync();
        }

        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "S-1", 800m, db.Today, db.Today.AddDays(30));
        var id = (await OpenAsync(db, tenant, "pricing", (invoice.Id, 80m))).Id!.Value;
        var opened = await LoadAsync(db, tenant, id);
        Assert.Equal(db.Time.GetUtcNow().AddHours(48), opened.DueAt);

        db.Time.Advance(TimeSpan.FromHours(37));
        Assert.Equal(SlaState.AtRisk, DisputeSla.StateOf(opened.OpenedAt, opened.DueAt, null, true, db.Time.GetUtcNow()));
        Assert.Equal(0, await MonitorAsync());

        db.Time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(1, await MonitorAsync());
        Assert.Equal(0, await MonitorAsync());

        Assert.Equal(1, await DeliverAsync(db, tenant));
        var breached = await LoadAsync(db, tenant, id);
        Assert.Equal(db.Time.GetUtcNow(), breached.SlaBreachedAt);
        Assert.Equal(SlaState.Breached, DisputeSla.StateOf(breached.OpenedAt, breached.DueAt, null, true, db.Time.GetUtcNow()));
        await using var check = db.ForTenant(tenant);
        var alert = Assert.Single(await check.Db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.ManagerAlert).ToListAsync());
        Assert.Equal("maria@disputes.test", alert.ToAddresses);
        Assert.Equal(OutboxStatus.Sent, alert.Status);
        Assert.StartsWith("Dispute SLA breached: Slow, invoice S-1 (pricing, EUR 80.00)", alert.Subject, StringComparison.Ordinal);
        Assert.Single(await check.Db.Activities.AsNoTracking().Where(a => a.Type == ActivityType.Alert).ToListAsync());
    }

    private async Task<int> MonitorAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<DisputeSlaMonitor>().RunAsync(CancellationToken.None);
    }
}
