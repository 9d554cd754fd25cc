using ArCollect.Domain.Invoices;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Ledger;

public sealed class DailyFactsIntegrityTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Facts BV");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Late Payer")).Id;
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Late_fees_and_write_offs_are_booked_on_the_day_they_happen_not_on_the_issue_day()
    {
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Flat;
            s.LateFeeValue = 25m;
        });
        var issued = new DateOnly(2026, 6, 2);
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, issued, terms: "Net 30");

        db.Time.SetUtcNow(new DateTimeOffset(2026, 7, 12, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await db.Services.GetRequiredService<LateFeeJob>().RunAsync(tenant, CancellationToken.None));
        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero));
        await using (var scope = db.ForTenant(tenant))
        {
            var result = await scope.Services.GetRequiredService<InvoiceAdjustments>().WriteOffAsync(
                new AdjustmentInput { InvoiceId = invoice.Id, Amount = 300m, Reason = "Settlement agreed", Date = new DateOnly(2026, 8, 20) },
                mayExceedLimit: true, CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        await using var check = db.ForTenant(tenant);
        var facts = await check.Db.LedgerDailyFacts.AsNoTracking().ToListAsync();
        Assert.Equal(1000m, facts.Where(f => f.Day == issued).Sum(f => f.Sales));
        Assert.Equal(25m, facts.Where(f => f.Day == new DateOnly(2026, 7, 12)).Sum(f => f.Sales));
        Assert.Equal(300m, facts.Where(f => f.Day == new DateOnly(2026, 8, 20)).Sum(f => f.WriteOffs));
        Assert.Equal(300m, facts.Sum(f => f.WriteOffs));
        var stored = await check.Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((1025m, 25m), (stored.Total, stored.LateFees));
        Assert.Equal(new DateOnly(2026, 7, 12), stored.Lines.Single(l => l.LateFeePeriod != null).ChargedOn);
        Assert.Empty(await check.Services.GetRequiredService<ArCollect.Infrastructure.Dashboards.LedgerFactsCheck>().RunAsync(CancellationToken.None));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task The_nightly_check_finds_facts_that_drifted_repairs_them_and_alerts_the_managers_once()
    {
        await AddManagerAsync("mo@facts.test");
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 480m, new DateOnly(2026, 4, 1));
        var other = await LedgerBuilder.CreateTenantAsync(db, "Quiet Co");
        var job = db.Services.GetRequiredService<LedgerFactsCheckJob>();
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None));

        // Something wrote to the ledger behind the triggers' back (as a manual repair without them would).
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.LedgerDailyFacts.Where(f => f.Day == invoice.IssueDate).ExecuteUpdateAsync(s => s.SetProperty(f => f.Sales, 400m));
        }

        var differences = await job.RunAsync(tenant, CancellationToken.None);

        Assert.Equal(1, differences);
        Assert.Equal(0, await job.RunAsync(other, CancellationToken.None));
        await using var check = db.ForTenant(tenant);
        Assert.Equal(480m, await check.Db.LedgerDailyFacts.Where(f => f.Day == invoice.IssueDate).SumAsync(f => f.Sales));
        var alert = await check.Db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == MessageKind.ManagerAlert);
        Assert.Equal("mo@facts.test", alert.ToAddresses);
        Assert.Contains("differed from the ledger on 1 row", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("sales EUR 400.00 stored, EUR 480.00 true", alert.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None));
        Assert.Equal(1, await check.Db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.ManagerAlert));
    }

    [Fact]
    public async Task Flat_fees_and_caps_come_per_currency_and_an_edit_keeps_a_fee_line_a_fee_line()
    {
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Flat;
            s.LateFeeValue = 10m;
        });
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.CurrencySettings.Add(new CurrencySettings { Currency = "USD", LateFeeFlat = 12m, LateFeeCap = 20m });
            await scope.Db.SaveChangesAsync();
        }

        var eur = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 100m, new DateOnly(2026, 6, 2), terms: "Net 30");
        var usd = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 100m, new DateOnly(2026, 6, 2), terms: "Net 30", currency: "USD");
        var jpy = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 10000m, new DateOnly(2026, 6, 2), terms: "Net 30", currency: "JPY");
        var job = db.Services.GetRequiredService<LateFeeJob>();
        foreach (var day in new[] { new DateTimeOffset(2026, 7, 10, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 8, 10, 6, 0, 0, TimeSpan.Zero) })
        {
            db.Time.SetUtcNow(day);
            await job.RunAsync(tenant, CancellationToken.None);
        }

        await using var check = db.ForTenant(tenant);
        async Task<decimal[]> FeesAsync(Guid id) => await check.Db.InvoiceLines.Where(l => l.InvoiceId == id && l.LateFeePeriod != null)
            .OrderBy(l => l.LineNumber).Select(l => l.NetAmount).ToArrayAsync();
        Assert.Equal([10m, 10m], await FeesAsync(eur.Id));
        Assert.Equal([12m, 8m], await FeesAsync(usd.Id)); // USD 12 a month, capped at USD 20
        Assert.Empty(await FeesAsync(jpy.Id)); // no flat amount in JPY: no EUR amount charged as yen
        await LedgerAssert.ConsistentAsync(db, tenant);

        // Recomputing the lines (as saving a draft does) keeps the fee lines as fee lines, after the ordinary lines.
        var stored = await check.Db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == usd.Id);
        InvoiceTotals.Apply(stored, [new InvoiceLineInput { Description = "Consulting", Quantity = 1m, UnitPrice = 100m }]);
        Assert.Equal(["Consulting", "Late fee for 2026-07", "Late fee for 2026-08"], stored.Lines.OrderBy(l => l.LineNumber).Select(l => l.Description));
        Assert.Equal(["2026-07", "2026-08"], stored.Lines.Where(l => l.LateFeePeriod != null).Select(l => l.LateFeePeriod!));
        Assert.Equal(120m, stored.Total);
    }

    private async Task AddManagerAsync(string email)
    {
        await using var platform = db.WithoutTenant();
        var role = await platform.Db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Manager);
        if (role is null)
        {
            role = new IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = Roles.Manager, NormalizedName = Roles.Manager.ToUpperInvariant() };
            platform.Db.Roles.Add(role);
        }

        var user = new AppUser { Id = Guid.CreateVersion7(), TenantId = tenant, DisplayName = "Mo Manager", Email = email, UserName = email };
        platform.Db.Users.Add(user);
        platform.Db.UserRoles.Add(new IdentityUserRole<Guid> { RoleId = role.Id, UserId = user.Id });
        await platform.Db.SaveChangesAsync();
    }
}
