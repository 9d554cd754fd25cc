using ArCollect.Domain.Disputes;
using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Demo;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ArCollect.IntegrationTests.Demo;

public sealed class DemoSeederTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Seeder_loads_everything_and_balances_match()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");
        var options = new DemoOptions { Today = db.Today, Customers = 60, Invoices = 1500 };
        var ledger = DemoLedgerGenerator.Generate(tenant, [], options);

        await using (var scope = db.ForTenant(tenant))
        {
            var result = await DemoSeeder.SeedAsync(scope.Db, tenant, [], options, CancellationToken.None);
            Assert.Equal(
                (ledger.Customers.Count, ledger.Contacts.Count, ledger.Invoices.Count, ledger.InvoiceLines.Count, ledger.Payments.Count,
                    ledger.PaymentAllocations.Count, ledger.CreditNotes.Count, ledger.WriteOffs.Count, ledger.Disputes.Count, ledger.Activities.Count),
                (result.Customers, result.Contacts, result.Invoices, result.InvoiceLines, result.Payments,
                    result.PaymentAllocations, result.CreditNotes, result.WriteOffs, result.Disputes, result.Activities));
        }

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Equal(ledger.Customers.Count, await scope.Db.Customers.CountAsync());
            Assert.Equal(ledger.Contacts.Count, await scope.Db.Contacts.CountAsync());
            Assert.Equal(ledger.Invoices.Count, await scope.Db.Invoices.CountAsync());
            Assert.Equal(ledger.InvoiceLines.Count, await scope.Db.InvoiceLines.CountAsync());
            Assert.Equal(ledger.Payments.Count, await scope.Db.Payments.CountAsync());
            Assert.Equal(ledger.PaymentAllocations.Count, await scope.Db.PaymentAllocations.CountAsync());
            Assert.Equal(ledger.CreditNotes.Count, await scope.Db.CreditNotes.CountAsync());
            Assert.Equal(ledger.WriteOffs.Count, await scope.Db.WriteOffs.CountAsync());
            Assert.Equal(ledger.Disputes.Count, await scope.Db.Disputes.CountAsync());
            Assert.Equal(ledger.Activities.Count, await scope.Db.Activities.CountAsync());

            var balance = await scope.Db.Database.SqlQueryRaw<decimal>("SELECT coalesce(sum(balance), 0) AS \"Value\" FROM invoices").SingleAsync();
            Assert.Equal(ledger.Invoices.Sum(i => i.OpenAmount), balance);
            Assert.Equal(ledger.Payments.Sum(p => p.UnappliedAmount), await scope.Db.Payments.SumAsync(p => p.UnappliedAmount));
            Assert.Equal(
                ledger.Disputes.Count(d => d.Status == DisputeStatus.Open),
                await scope.Db.Disputes.CountAsync(d => d.Status == DisputeStatus.Open));
            Assert.Equal(ledger.Invoices.Count(i => i.SettledOn == null), await scope.Db.Invoices.CountAsync(i => i.SettledOn == null));
            Assert.True(await DemoSeeder.IsSeededAsync(scope.Db, CancellationToken.None));

            // The demo company is German: customers without a language of their own are written to in German.
            Assert.Equal("de", await scope.Db.Tenants.Where(t => t.Id == tenant).Select(t => t.DefaultLanguage).SingleAsync());
            Assert.Equal("en", await scope.Db.Tenants.Where(t => t.Id == other).Select(t => t.DefaultLanguage).SingleAsync());
        }

        await using (var scope = db.ForTenant(other))
        {
            Assert.False(await DemoSeeder.IsSeededAsync(scope.Db, CancellationToken.None));
            Assert.Equal(0, await scope.Db.Invoices.IgnoreQueryFilters().CountAsync());
            Assert.Equal(0, await scope.Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM payments").SingleAsync());
            Assert.Equal(0, await scope.Db.Activities.CountAsync());
        }
    }

    [Fact]
    public async Task Demo_dashboards_convert_every_foreign_currency_on_every_day_of_the_history()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        var options = new DemoOptions { Today = db.Today, Customers = 80, Invoices = 2000 };
        await using (var seed = db.ForTenant(tenant))
        {
            await DemoSeeder.SeedAsync(seed.Db, tenant, [], options, CancellationToken.None);
        }

        await using var scope = db.ForTenant(tenant);
        var converter = await scope.Db.ConverterAsync(CancellationToken.None);
        var invoices = await scope.Db.Invoices.Select(i => new { i.Currency, i.IssueDate }).ToListAsync();
        Assert.Contains(invoices, i => i.Currency != "EUR");
        Assert.All(invoices, i => Assert.NotNull(converter.RateFor(i.Currency, i.IssueDate)));

        var periods = KpiCalculator.Periods(db.Today, monthly: true, count: 12);
        var ledger = await scope.Services.GetRequiredService<KpiFactsQuery>().LedgerAsync(periods, CancellationToken.None);
        var trend = periods.Select(p => KpiCalculator.Compute(ledger, p.Start, p.End, null)).ToList();
        Assert.All(trend, k => Assert.True(k.CreditSales > 0m));
        Assert.Empty(ledger.MissingRates);
    }

    [Fact]
    public async Task Default_size_demo_ledger_loads_completely()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await using var scope = db.ForTenant(tenant);

        var result = await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today }, CancellationToken.None);

        var rows = result.Customers + result.Contacts + result.Invoices + result.InvoiceLines + result.Payments
            + result.PaymentAllocations + result.CreditNotes + result.Disputes + result.Activities;
        output.WriteLine(
            $"Seeded {result.Customers} customers, {result.Invoices} invoices, {result.Payments} payments, {result.Activities} activities " +
            $"({rows} rows) in {result.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(500, result.Customers);
        Assert.Equal(result.Customers, await scope.Db.Customers.CountAsync());
        Assert.Equal(result.Invoices, await scope.Db.Invoices.CountAsync());
        Assert.Equal(result.Payments, await scope.Db.Payments.CountAsync());
    }

    [Fact]
    public async Task Seeding_a_tenant_that_has_customers_is_refused_and_changes_nothing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await LedgerBuilder.AddCustomerAsync(db, tenant, "Existing Customer");
        await using var scope = db.ForTenant(tenant);

        var seed = () => DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 5, Invoices = 20 }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(seed);
        Assert.Equal(1, await scope.Db.Customers.CountAsync());
    }

    [Fact]
    public async Task Seeding_through_a_context_of_another_tenant_is_refused()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");
        await using var scope = db.ForTenant(other);

        var seed = () => DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 5, Invoices = 20 }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(seed);
    }
}
