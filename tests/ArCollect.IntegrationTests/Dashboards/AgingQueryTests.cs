using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is 15 June 2026. Ledger (EUR base):
///   Acme (region North, EUR): A-1 1000 due 10 Jun (5 days late), A-2 500 due 1 Mar (106 days late).
///   Bolt (region South, USD): B-1 USD 2000 due 30 Jun (current); USD rates 0.90 from 1 Jan, 0.80 from 1 Jun.
///   Cole (no region, GBP, no rate): C-1 GBP 700 due 1 Jun.
/// Payments: A-1 paid 400 on 12 Jun; A-2 paid in full (500) on 5 Jun; credit note 100 on A-1 on 14 Jun.
/// </summary>
public sealed class AgingQueryTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Aging GmbH");
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var bolt = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bolt", "USD");
        var cole = await LedgerBuilder.AddCustomerAsync(db, tenant, "Cole", "GBP");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == acme.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Region, "North"));
            await scope.Db.Customers.Where(c => c.Id == bolt.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Region, "South"));
        }

        var a1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-1", 1000m, new(2026, 5, 11), new(2026, 6, 10));
        var a2 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-2", 500m, new(2026, 1, 30), new(2026, 3, 1));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, bolt.Id, "B-1", 2000m, new(2026, 5, 31), new(2026, 6, 30), "USD");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, cole.Id, "C-1", 700m, new(2026, 5, 2), new(2026, 6, 1), "GBP");
        await DashboardLedger.PayAsync(db, tenant, a1, 400m, new(2026, 6, 12));
        await DashboardLedger.PayAsync(db, tenant, a2, 500m, new(2026, 6, 5));
        await DashboardLedger.CreditAsync(db, tenant, a1, 100m, new(2026, 6, 14));
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.90m, new(2026, 1, 1));
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.80m, new(2026, 6, 1));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<AgingReport> ReportAsync(DateOnly asOf, AgingGroupBy groupBy)
    {
        await using var scope = db.ForTenant(tenant);
        var cells = await scope.Services.GetRequiredService<AgingQuery>().CellsAsync(asOf, AgingBuckets.Standard, groupBy, CancellationToken.None);
        return AgingReport.Build(cells, asOf, AgingBuckets.Standard, await scope.Db.ConverterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Today_the_aging_groups_by_region_and_converts_with_the_newest_rate()
    {
        var report = await ReportAsync(db.Today, AgingGroupBy.Region);

        // North: A-1 1000 - 400 - 100 = 500, 5 days late -> 1-30. South: USD 2000 x 0.80 = 1600 current. GBP has no rate.
        var north = report.Rows.Single(r => r.Label == "North");
        var south = report.Rows.Single(r => r.Label == "South");
        Assert.Equal([0m, 500m, 0m, 0m, 0m], north.Amounts);
        Assert.Equal([1600m, 0m, 0m, 0m, 0m], south.Amounts);
        Assert.Equal(2100m, report.Totals.Total);
        Assert.Equal(["GBP"], report.MissingRates);
        Assert.Equal(new DateOnly(2026, 6, 1), report.RatesUsed.Single().RateDate);
    }

    [Fact]
    public async Task As_of_a_past_day_the_aging_rewinds_payments_and_credit_notes_made_later()
    {
        // 31 May: A-1 1000 current (due 10 Jun), A-2 500 unpaid 91 days late -> 90+; B-1 USD 2000 at the January rate 0.90 = 1800;
        // C-1 issued 2 May, still no GBP rate. Total 3300.
        var report = await ReportAsync(new DateOnly(2026, 5, 31), AgingGroupBy.Customer);

        Assert.Equal([1000m, 0m, 0m, 0m, 500m], report.Rows.Single(r => r.Label == "Acme").Amounts);
        Assert.Equal([1800m, 0m, 0m, 0m, 0m], report.Rows.Single(r => r.Label == "Bolt").Amounts);
        Assert.Equal(3300m, report.Totals.Total);
    }

    [Fact]
    public async Task As_of_a_day_before_an_invoice_was_issued_it_is_not_there()
    {
        // 15 May: B-1 (issued 31 May) does not exist yet; A-1 (issued 11 May) is open in full.
        var report = await ReportAsync(new DateOnly(2026, 5, 15), AgingGroupBy.Currency);

        Assert.Equal(["EUR"], report.Rows.Select(r => r.Label));
        Assert.Equal(1500m, report.Totals.Total);
    }

    [Fact]
    public async Task Drilling_into_a_cell_lists_the_invoices_behind_it()
    {
        await using var scope = db.ForTenant(tenant);
        var query = scope.Services.GetRequiredService<AgingQuery>();

        var over90 = await query.InvoicesAsync(new DateOnly(2026, 5, 31), AgingBuckets.Standard, AgingGroupBy.Region, "North", 4, CancellationToken.None);
        var currentEverywhere = await query.InvoicesAsync(new DateOnly(2026, 5, 31), AgingBuckets.Standard, AgingGroupBy.Region, null, 0, CancellationToken.None);

        Assert.Equal(["A-2"], over90.Select(i => i.Number));
        Assert.Equal(500m, over90.Single().Open);
        Assert.Equal(["A-1", "B-1", "C-1"], currentEverywhere.Select(i => i.Number).Order());
    }

    [Fact]
    public async Task Custom_bucket_edges_move_invoices_between_buckets()
    {
        await using var scope = db.ForTenant(tenant);
        var buckets = AgingBuckets.Create([3, 100]);
        var cells = await scope.Services.GetRequiredService<AgingQuery>().CellsAsync(new DateOnly(2026, 5, 31), buckets, AgingGroupBy.Customer, CancellationToken.None);

        // A-2 is 91 days late on 31 May: with edges 3, 100 it sits in "4-100" (index 2), not in the last bucket.
        Assert.Equal(2, cells.Single(c => c.Label == "Acme" && c.Amount == 500m).Bucket);
    }
}
