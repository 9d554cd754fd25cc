using ArCollect.Domain.Dunning;
using ArCollect.Domain.Forecasting;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Infrastructure.Forecasting;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// The forecast page is served from memory until the tenant's ledger changes. Today is Monday 15 June 2026. Keen paid
/// two invoices 10 and 20 days late (mean 15); open: K-3 1000.00 due 10 June (expected 25 June, week 2) and K-4 800.00
/// due 1 July (expected 16 July, week 5). Each change below goes through the way the app writes it, and the page's
/// forecast must then equal one computed afresh, and differ from what was cached before.
/// </summary>
public sealed class ForecastCacheTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid keen;
    private Invoice k3 = null!;
    private Invoice k4 = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Forecast Cache GmbH");
        keen = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Keen")).Id;
        var k1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-1", 300m, new(2026, 3, 1), new(2026, 3, 31));
        var k2 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-2", 300m, new(2026, 4, 1), new(2026, 4, 30));
        await DashboardLedger.PayAsync(db, tenant, k1, 300m, new(2026, 4, 10));
        await DashboardLedger.PayAsync(db, tenant, k2, 300m, new(2026, 5, 20));
        k3 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-3", 1000m, new(2026, 5, 11), new(2026, 6, 10));
        k4 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-4", 800m, new(2026, 6, 1), new(2026, 7, 1));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_unchanged_ledger_serves_the_forecast_computed_before()
    {
        var first = await PageAsync(tenant);
        var second = await PageAsync(tenant);

        Assert.Same(first, second);
        Assert.Equal(1800m, second.Weeks[^1].Cumulative);
    }

    [Fact]
    public async Task After_a_payment_the_page_shows_the_fresh_forecast()
    {
        var before = await PageAsync(tenant);

        await DashboardLedger.PayAsync(db, tenant, k3, 400m, db.Today);

        var after = await PageAsync(tenant);
        Assert.Equal(await FreshAsync(tenant), Figures(after));
        Assert.Equal(1000m, before.Weeks[1].Expected);
        Assert.Equal(600m, after.Weeks[1].Expected); // the week of 22 June: K-3's open 600.00
        Assert.Equal(1400m, after.Weeks[^1].Cumulative);
    }

    [Fact]
    public async Task After_a_credit_note_the_page_shows_the_fresh_forecast()
    {
        var before = await PageAsync(tenant);

        await DashboardLedger.CreditAsync(db, tenant, k4, 300m, db.Today);

        var after = await PageAsync(tenant);
        Assert.Equal(await FreshAsync(tenant), Figures(after));
        Assert.Equal(800m, before.Weeks[4].Expected);
        Assert.Equal(500m, after.Weeks[4].Expected); // the week of 13 July: K-4's open 500.00
    }

    [Fact]
    public async Task After_a_promise_the_page_shows_the_invoice_on_the_promised_day()
    {
        var before = await PageAsync(tenant);

        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = keen,
                InvoiceId = k4.Id,
                PromisedDate = new DateOnly(2026, 6, 24),
                Amount = 800m,
                Currency = "EUR",
                Status = PromiseStatus.Open,
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        var after = await PageAsync(tenant);
        Assert.Equal(await FreshAsync(tenant), Figures(after));
        Assert.Equal(new DateOnly(2026, 7, 16), before.Receipts.Single(r => r.InvoiceId == k4.Id).PredictedDate);
        Assert.Equal(new DateOnly(2026, 6, 24), after.Receipts.Single(r => r.InvoiceId == k4.Id).PredictedDate);
        Assert.Equal(1800m, after.Weeks[1].Expected); // K-3 and the promised K-4 both in the week of 22 June
        Assert.Equal(0m, after.Weeks[4].Expected);
    }

    [Fact]
    public async Task After_a_payment_plan_the_page_shows_the_invoices_on_their_instalment_dates()
    {
        var before = await PageAsync(tenant);

        await using (var scope = db.ForTenant(tenant))
        {
            var plans = new PaymentPlanService(scope.Db, scope.Services.GetRequiredService<TenantContext>(), db.Time);
            var result = await plans.CreateAsync(keen, "EUR", new PaymentPlanRequestInput { Instalments = 2, FirstDate = new DateOnly(2026, 7, 6) },
                PlanSources.Portal, byManager: true, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        var after = await PageAsync(tenant);
        Assert.Equal(await FreshAsync(tenant), Figures(after));
        Assert.Equal(1000m, before.Weeks[1].Expected);
        Assert.Equal(0m, after.Weeks[1].Expected);
        Assert.All(after.Receipts, r => Assert.True(r.PredictedDate >= new DateOnly(2026, 7, 6)));
    }

    [Fact]
    public async Task A_what_if_on_the_cached_forecast_leaves_it_unchanged()
    {
        var baseline = await PageAsync(tenant);
        var weeks = baseline.Weeks.ToList();

        var changed = WhatIf.Apply(baseline.Receipts, [new CustomerPaysLater(keen, 14)], baseline.AsOf, CashForecast.HorizonEnd(baseline.AsOf));
        var scenario = CashForecast.Weekly(changed, baseline.AsOf);

        Assert.Equal(1000m, scenario[3].Expected); // K-3 moved from the week of 22 June to that of 6 July
        var again = await PageAsync(tenant);
        Assert.Equal(weeks, again.Weeks);
        Assert.Equal(new DateOnly(2026, 6, 25), again.Receipts.Single(r => r.InvoiceId == k3.Id).PredictedDate);
    }

    [Fact]
    public async Task One_tenants_cached_forecast_is_never_served_to_another_at_the_same_version()
    {
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other AG");
        var otherCustomer = (await LedgerBuilder.AddCustomerAsync(db, other, "Ortho")).Id;
        await LedgerBuilder.AddInvoiceAsync(db, other, otherCustomer, "O-1", 250m, new(2026, 6, 1), new(2026, 7, 1));
        // Both tenants at the same ledger version and base currency: only the tenant tells their forecasts apart.
        await using (var admin = new NpgsqlConnection(db.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var same = new NpgsqlCommand("UPDATE ledger_versions SET version = 42", admin);
            Assert.Equal(2, await same.ExecuteNonQueryAsync());
        }

        var mine = await PageAsync(tenant);
        var theirs = await PageAsync(other);

        Assert.Equal(1800m, mine.Weeks[^1].Cumulative);
        var only = Assert.Single(theirs.Receipts); // O-1: the other tenant has no history yet, so nothing is expected of it in 13 weeks
        Assert.Equal((otherCustomer, 250m), (only.CustomerId, only.Amount));
        Assert.Equal(1800m, (await PageAsync(tenant)).Weeks[^1].Cumulative);
    }

    private async Task<ForecastView> PageAsync(Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Services.GetRequiredService<ForecastService>().BaselineAsync(CancellationToken.None);
    }

    private async Task<object> FreshAsync(Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return Figures(await scope.Services.GetRequiredService<ForecastService>().ComputeAsync(CancellationToken.None));
    }

    /// <summary>What the page shows: the weeks with their band, the outlook, and each invoice's expected day and amount.</summary>
    private static object Figures(ForecastView view) => new
    {
        Weeks = string.Join("; ", view.Weeks.Select(w => $"{w.WeekStart} {w.Expected} {w.Low} {w.High} {w.Cumulative}")),
        Outlook = view.Outlook.ToString(),
        Receipts = string.Join("; ", view.Receipts.OrderBy(r => r.InvoiceId).Select(r => $"{r.InvoiceId} {r.Amount} {r.PredictedDate} {r.Probability}")),
    };
}
