using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Disputes;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DemoDisputeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await using var scope = db.ForTenant(tenant);
        await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 150, Invoices = 5000 }, CancellationToken.None);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Demo_disputes_carry_items_SLA_history_outcomes_and_the_invoices_disputed_amounts()
    {
        await using var scope = db.ForTenant(tenant);
        var disputes = await scope.Db.Disputes.AsNoTracking().Include(d => d.Items).ToListAsync();

        Assert.All(disputes, d => Assert.Equal(d.Amount, Assert.Single(d.Items).Amount));
        Assert.All(disputes, d => Assert.True(d.DueAt > d.OpenedAt));
        Assert.All(disputes.Where(d => !d.IsOpen), d => Assert.NotNull(d.Outcome));
        Assert.Contains(disputes, d => d.SlaBreachedAt is not null);
        var live = disputes.Where(d => d.IsOpen).GroupBy(d => d.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount));
        var flagged = await scope.Db.Invoices.AsNoTracking().Where(i => i.IsDisputed).ToDictionaryAsync(i => i.Id, i => i.DisputedAmount);
        Assert.Equal(live.OrderBy(x => x.Key), flagged.OrderBy(x => x.Key));
        Assert.Equal(10, await scope.Db.DisputeReasonCodes.CountAsync());
        Assert.Equal(4, await scope.Db.DisputeRoutingRules.CountAsync());
    }

    [Fact]
    public async Task Every_held_out_demo_dispute_gets_a_suggestion_from_earlier_disputes_and_the_hit_rate_is_reported()
    {
        await using var scope = db.ForTenant(tenant);

        var result = await scope.Services.GetRequiredService<DisputeSuggestions>().EvaluateAsync(CancellationToken.None);

        output.WriteLine($"holdout {result.Holdout}, suggested {result.Suggested}, hits {result.Hits} ({result.HitRate:P1}), majority {result.Majority} {result.BaselineHits} ({result.BaselineRate:P1})");
        // On this small seed (about 35 held out) the hit rate is too noisy to rank against the baseline; the full demo's
        // figures are in docs/disputes.md.
        Assert.True(result.Holdout >= 20, $"only {result.Holdout} held out");
        Assert.Equal(result.Holdout, result.Suggested);
        Assert.InRange(result.Hits, 1, result.Suggested);
    }
}
