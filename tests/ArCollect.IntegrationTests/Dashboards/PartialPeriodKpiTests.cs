using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is Monday 15 June 2026; collection-rate target 40 %. One invoice of 1000 issued 1 May, due 31 May; 500 paid
/// on Wednesday 10 June. May (complete): sales 1000, nothing collected: rate 0 %, 40 points under target. June so far
/// (1-15 June): opening 1000, 500 collected: rate 50 %, but half a month is not judged against a month's target.
/// </summary>
public sealed class PartialPeriodKpiTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Running Month GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "R-1", 1000m, new(2026, 5, 1), new(2026, 5, 31));
        await DashboardLedger.PayAsync(db, tenant, invoice, 500m, new(2026, 6, 10));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<IReadOnlyList<KpiSnapshot>> TrendAsync(bool monthly)
    {
        await using var scope = db.ForTenant(tenant);
        var count = monthly ? 12 : 52;
        var ledger = await scope.Services.GetRequiredService<KpiFactsQuery>().LedgerAsync(KpiCalculator.Periods(db.Today, monthly, count), CancellationToken.None);
        return KpiCalculator.Trend(ledger, db.Today, monthly, count, 40m);
    }

    [Fact]
    public async Task The_running_month_is_partial_and_not_judged_against_the_monthly_target()
    {
        var trend = await TrendAsync(monthly: true);
        var june = trend[^1];
        var may = trend[^2];

        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 15), true), (june.PeriodStart, june.PeriodEnd, june.Partial));
        Assert.Equal(50m, june.CollectionRate);
        Assert.Null(june.CollectionRateVsTarget);
        Assert.False(may.Partial);
        Assert.Equal(0m, may.CollectionRate);
        Assert.Equal(-40m, may.CollectionRateVsTarget);
        Assert.Single(trend, k => k.Partial);
    }

    [Fact]
    public async Task In_the_weekly_view_only_the_running_week_is_partial_and_finished_weeks_keep_their_gap_to_target()
    {
        var trend = await TrendAsync(monthly: false);
        var thisWeek = trend[^1];
        var lastWeek = trend[^2];

        Assert.Equal((new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 15), true), (thisWeek.PeriodStart, thisWeek.PeriodEnd, thisWeek.Partial));
        Assert.Null(thisWeek.CollectionRateVsTarget);
        Assert.False(lastWeek.Partial);
        Assert.Equal(50m, lastWeek.CollectionRate); // 500 of the 1000 open on 7 June
        Assert.Equal(10m, lastWeek.CollectionRateVsTarget);
    }
}
