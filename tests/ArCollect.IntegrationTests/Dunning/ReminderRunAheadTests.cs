using ArCollect.Domain.Dunning;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Disputes;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>
/// A reminder run far ahead of the last one, as on the demo: several steps fall due at once, a payment plan made after
/// earlier reminders is breached in the same run, a promise is broken and a dispute holds an invoice. Each invoice gets
/// one reminder, at the latest step due, and nothing is logged or sent twice.
/// </summary>
public sealed class ReminderRunAheadTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Run Ahead Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_run_four_weeks_ahead_after_a_plan_was_breached_reminds_each_invoice_once_at_its_latest_step()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 35, 100m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 8, 200m);
        var beta = await LedgerBuilder.AddCustomerAsync(db, tenant, "Beta");
        await AddOverdueAsync(db, tenant, beta, "INV-5", 3, 100m);
        await AddOverdueAsync(db, tenant, beta, "INV-6", 10, 100m);
        await using (var scope = db.ForTenant(tenant))
        {
            var disputed = await scope.Db.Invoices.Where(i => i.Number == "INV-6").Select(i => i.Id).SingleAsync();
            Assert.True((await DisputeTestKit.OpenAsync(db, tenant, "pricing", (disputed, 100m))).Succeeded);
            scope.Db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = beta.Id,
                InvoiceId = await scope.Db.Invoices.Where(i => i.Number == "INV-5").Select(i => i.Id).SingleAsync(),
                PromisedDate = db.Today.AddDays(5),
                Amount = 100m,
                Currency = "EUR",
                Status = PromiseStatus.Open,
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        // 15 June: INV-1 reaches the final step (30 days), INV-2 the firm one (7 days).
        await RunAsync(db, tenant);
        Assert.Equal([("INV-1", 30), ("INV-2", 7)], await LogAsync("INV-1", "INV-2"));

        // The next day Acme agrees a plan of 3 x 100 from 22 June, then pays nothing: it is breached after its grace days.
        db.Time.Advance(TimeSpan.FromDays(1));
        await using (var scope = db.ForTenant(tenant))
        {
            var plan = await new PaymentPlanService(scope.Db, scope.Services.GetRequiredService<TenantContext>(), db.Time).CreateAsync(
                acme.Id, "EUR", new PaymentPlanRequestInput { Instalments = 3, FirstDate = db.Today.AddDays(6) }, PlanSources.Portal, byManager: true, CancellationToken.None);
            Assert.Equal(PaymentPlanStatus.Active, plan.Plan!.Status);
        }

        // 13 July, 28 days on: the plan is breached in this run and reminders follow the invoices' own dates again.
        // INV-1's final step was reached before the plan, INV-2 jumps from 7 days over 14 to 30.
        db.Time.Advance(TimeSpan.FromDays(27));
        await RunAsync(db, tenant);

        var runDate = db.Today;
        Assert.Equal([("INV-1", 30), ("INV-2", 7), ("INV-2", 30)], await LogAsync("INV-1", "INV-2"));
        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Equal(PaymentPlanStatus.Breached, await scope.Db.PaymentPlans.Select(p => p.Status).SingleAsync());
            var today = await scope.Db.ReminderLog.AsNoTracking().Where(r => r.RunDate == runDate)
                .Join(scope.Db.Invoices, r => r.InvoiceId, i => i.Id, (r, i) => new { i.Number, r.OutboxMessageId }).ToListAsync();
            // One row per invoice reminded today, INV-1's moved to this run; the disputed INV-6 is never reminded.
            Assert.Equal(["INV-1", "INV-2", "INV-5"], today.Select(t => t.Number).Order(StringComparer.Ordinal));
            Assert.Single(today.Where(t => t.Number != "INV-5").Select(t => t.OutboxMessageId).Distinct());
            Assert.False(await scope.Db.ReminderLog.AnyAsync(r => scope.Db.Invoices.Any(i => i.Id == r.InvoiceId && i.Number == "INV-6")));
        }

        var reminders = await OutboxAsync(db, tenant);
        var acmeToday = Assert.Single(reminders, m => m.CustomerId == acme.Id && m.CreatedAt > db.Time.GetUtcNow().AddDays(-1));
        Assert.Contains("INV-1", acmeToday.TextBody, StringComparison.Ordinal);
        Assert.Contains("INV-2", acmeToday.TextBody, StringComparison.Ordinal);

        // A rerun the same day sends and logs nothing more.
        await RunAsync(db, tenant);
        Assert.Equal(reminders.Count, (await OutboxAsync(db, tenant)).Count);
        Assert.Equal([("INV-1", 30), ("INV-2", 7), ("INV-2", 30)], await LogAsync("INV-1", "INV-2"));
    }

    private async Task<List<(string Number, int Offset)>> LogAsync(params string[] numbers)
    {
        await using var scope = db.ForTenant(tenant);
        var rows = await scope.Db.ReminderLog.AsNoTracking()
            .Join(scope.Db.Invoices, r => r.InvoiceId, i => i.Id, (r, i) => new { r.StepId, i.Number })
            .Join(scope.Db.ReminderSteps, x => x.StepId, s => s.Id, (x, s) => new { x.Number, s.OffsetDays })
            .Where(x => numbers.Contains(x.Number))
            .ToListAsync();
        return rows.Select(r => (r.Number, r.OffsetDays)).Order().ToList();
    }
}
