using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Forecasting;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Risk;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Forecasting;
using ArCollect.Infrastructure.Identity;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is Monday 15 June 2026. Key account Keen (EUR, credit limit 1500) has history: two invoices paid 10 and 20 days
/// late: mean 15 days. Every invoice of the tenant that reached 5 days late was paid by day 20, so the collection curve
/// gives both open invoices probability 1 within 13 weeks (Keen's share paid is above the tenant's; capped at 1).
/// Open: K-3 1000 due 10 Jun (predicted 25 Jun, expected 1000), K-4 800 due 1 Jul (predicted 16 Jul, expected 800).
/// A manager, Mia, receives the alerts.
/// </summary>
public sealed class ForecastAndAlertsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid keen;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Forecast GmbH");
        keen = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Keen")).Id;
        var k1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-1", 300m, new(2026, 3, 1), new(2026, 3, 31));
        var k2 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-2", 300m, new(2026, 4, 1), new(2026, 4, 30));
        await DashboardLedger.PayAsync(db, tenant, k1, 300m, new(2026, 4, 10));
        await DashboardLedger.PayAsync(db, tenant, k2, 300m, new(2026, 5, 20));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-3", 1000m, new(2026, 5, 11), new(2026, 6, 10));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-4", 800m, new(2026, 6, 1), new(2026, 7, 1));
        await using (var platform = db.WithoutTenant())
        {
            var role = new IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = Roles.Manager, NormalizedName = Roles.Manager.ToUpperInvariant() };
            var user = new AppUser { Id = Guid.CreateVersion7(), TenantId = tenant, DisplayName = "Mia Manager", Email = "mia@forecast.test", UserName = "mia@forecast.test" };
            platform.Db.Roles.Add(role);
            platform.Db.Users.Add(user);
            platform.Db.UserRoles.Add(new IdentityUserRole<Guid> { RoleId = role.Id, UserId = user.Id });
            await platform.Db.SaveChangesAsync();
        }

        await using var scope = db.ForTenant(tenant);
        await scope.Db.Customers.Where(c => c.Id == keen).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsKeyAccount, true).SetProperty(c => c.CreditLimit, 1500m));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Forecast_weeks_add_up_to_the_expected_receipts_predicted_from_history()
    {
        await using var scope = db.ForTenant(tenant);
        var view = await scope.Services.GetRequiredService<ForecastService>().BaselineAsync(CancellationToken.None);

        var k3 = view.Receipts.Single(r => r.Amount == 1000m);
        Assert.Equal(new DateOnly(2026, 6, 25), k3.PredictedDate);
        Assert.Equal(1m, k3.Probability);
        Assert.Equal(1000m, view.Weeks[1].Expected); // week of 22 June
        Assert.Equal(800m, view.Weeks[4].Expected); // week of 13 July
        Assert.Equal(view.Receipts.Sum(r => r.Expected), view.Weeks.Sum(w => w.Expected));
        Assert.Equal(1800m, view.Weeks[^1].Cumulative);
    }

    [Fact]
    public async Task A_model_score_moves_the_invoice_to_its_predicted_pay_date_and_keeps_the_history_probability()
    {
        await using var scope = db.ForTenant(tenant);
        var k3 = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Number == "K-3");
        scope.Db.InvoiceScores.Add(new InvoiceScore
        {
            InvoiceId = k3.Id,
            CustomerId = keen,
            ProbabilityLate = 0.9,
            ExpectedDaysLate = 30,
            PredictedPayDate = new DateOnly(2026, 7, 10),
            Band = RiskBand.High,
            Reasons = "pays late",
            ModelVersion = 1,
            ScoredAt = db.Time.GetUtcNow(),
        });
        await scope.Db.SaveChangesAsync();

        var view = await scope.Services.GetRequiredService<ForecastService>().BaselineAsync(CancellationToken.None);

        // K-3 leaves the week of 22 June (history: due 10 June + 15 days) for the week of 6 July (the model's 10 July).
        var moved = view.Receipts.Single(r => r.InvoiceId == k3.Id);
        Assert.Equal(new DateOnly(2026, 7, 10), moved.PredictedDate);
        Assert.Equal(1m, moved.Probability);
        Assert.Equal(0m, view.Weeks[1].Expected);
        Assert.Equal(1000m, view.Weeks[3].Expected);
        Assert.Equal(view.Receipts.Sum(r => r.Expected), view.Weeks.Sum(w => w.Expected));
    }

    [Fact]
    public async Task A_what_if_changes_the_weeks_but_not_the_stored_ledger_or_the_next_baseline()
    {
        await using var scope = db.ForTenant(tenant);
        var service = scope.Services.GetRequiredService<ForecastService>();
        var before = await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).Select(i => new { i.Number, i.DueDate, i.Balance, i.UpdatedAt }).ToListAsync();
        var baseline = await service.BaselineAsync(CancellationToken.None);

        var changed = WhatIf.Apply(baseline.Receipts, [new CustomerPaysLater(keen, 14)], baseline.AsOf, CashForecast.HorizonEnd(baseline.AsOf));
        var scenario = CashForecast.Weekly(changed, baseline.AsOf);
        var after = await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).Select(i => new { i.Number, i.DueDate, i.Balance, i.UpdatedAt }).ToListAsync();
        var again = await service.BaselineAsync(CancellationToken.None);

        Assert.Equal(0m, scenario[1].Expected); // K-3 moved from the week of 22 June to that of 6 July
        Assert.Equal(1000m, scenario[3].Expected);
        Assert.Equal(before, after);
        Assert.Equal(baseline.Weeks, again.Weeks);
    }

    [Fact]
    public async Task Alerts_go_out_once_per_crossing_and_again_after_the_customer_was_back_under()
    {
        // Open 1800 > limit 1500; K-3 is 5 days late, so a 3-day key-account threshold is passed too.
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.DashboardSettings.Add(new DashboardSettings { Id = Guid.CreateVersion7(), KeyAccountAgingDays = 3 });
            await scope.Db.SaveChangesAsync();
        }

        var first = await RunAlertsAsync();
        var second = await RunAlertsAsync();
        await using (var scope = db.ForTenant(tenant))
        {
            await DashboardLedger.PayAsync(db, tenant, await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Number == "K-3"), 1000m, db.Today);
        }

        var cleared = await RunAlertsAsync();
        await DashboardLedger.ReversePaymentsAsync(db, tenant, "K-3");

        var again = await RunAlertsAsync();

        Assert.Equal((2, 0), (first.Crossings, first.Cleared));
        Assert.Equal((0, 0), (second.Crossings, second.Cleared));
        Assert.Equal((0, 2), (cleared.Crossings, cleared.Cleared));
        Assert.Equal(2, again.Crossings);
        await using var check = db.ForTenant(tenant);
        var keys = await check.Db.OutboxMessages.Where(m => m.Kind == MessageKind.ManagerAlert).Select(m => m.IdempotencyKey).OrderBy(k => k).ToListAsync();
        Assert.Equal(
            [$"alert:CreditLimit:{keen}:1", $"alert:CreditLimit:{keen}:2", $"alert:KeyAccountAging:{keen}:1", $"alert:KeyAccountAging:{keen}:2"],
            keys);
        Assert.All(await check.Db.OutboxMessages.Select(m => m.ToAddresses).ToListAsync(), to => Assert.Equal("mia@forecast.test", to));
        Assert.Equal(4, await check.Db.Activities.CountAsync(a => a.CustomerId == keen && a.Type == Domain.Activities.ActivityType.Alert));
    }

    [Fact]
    public async Task A_week_short_of_its_forecast_alerts_once()
    {
        // The week of 8 June was forecast at 2000 and nothing arrived: 100 % short, over the default 20 %.
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.ForecastSnapshots.Add(new ForecastSnapshot { Id = Guid.CreateVersion7(), WeekStart = new(2026, 6, 8), Expected = 2000m, Low = 1500m, High = 2500m, MadeOn = new(2026, 6, 7) });
            await scope.Db.SaveChangesAsync();
        }

        var first = await RunAlertsAsync();
        var second = await RunAlertsAsync();

        Assert.Equal(1, first.Shortfalls);
        Assert.Equal(0, second.Shortfalls);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(1, await check.Db.OutboxMessages.CountAsync(m => m.IdempotencyKey == "forecast-shortfall:2026-06-08"));
        Assert.Equal(13, await check.Db.ForecastSnapshots.CountAsync(s => s.WeekStart >= new DateOnly(2026, 6, 15)));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_dashboard_rows()
    {
        await RunAlertsAsync();
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.9m, new(2026, 1, 1));
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");

        await using var scope = db.ForTenant(other);
        Assert.Equal(0, await scope.Db.ExchangeRates.CountAsync());
        Assert.Equal(0, await scope.Db.ForecastSnapshots.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.AlertStates.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.DashboardSettings.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM exchange_rates").SingleAsync());
    }

    private async Task<DashboardAlerts.Outcome> RunAlertsAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<DashboardAlerts>().RunAsync(CancellationToken.None);
    }
}
