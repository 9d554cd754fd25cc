using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Forecasting;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is Monday 15 June 2026. Keen paid K-1 (300, due Wed 1 Apr) ten days late on 11 Apr, so from then on its mean
/// delay is 10 days. A (1000, issued 1 May, due Sun 31 May) was paid on Wed 10 June: ten days late again.
/// Two origins are replayed: Sunday 31 May (A open, not yet due) and Sunday 7 June (A a week overdue).
/// Hand-worked: the due-date baseline puts A in the week of 1 June from the first origin, where nothing arrived, and
/// misses the week of 8 June, where 1000 arrived; the mean-delay baseline and the forecast (probability 1: every
/// invoice the tenant ever had was paid by day 10) put it on 10 June both times. B (500) was issued and paid inside
/// the week of 8 June, so it is in no forecast and not in that week's actual.
/// </summary>
public sealed class ForecastTrackRecordTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Track Record GmbH");
        var keen = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Keen")).Id;
        var k1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "K-1", 300m, new(2026, 3, 2), new(2026, 4, 1));
        await DashboardLedger.PayAsync(db, tenant, k1, 300m, new(2026, 4, 11));
        var a = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "A", 1000m, new(2026, 5, 1), new(2026, 5, 31));
        await DashboardLedger.PayAsync(db, tenant, a, 1000m, new(2026, 6, 10));
        // Issued and paid inside the week of 8 June: no forecast made before that week could see it.
        var b = await LedgerBuilder.AddInvoiceAsync(db, tenant, keen, "B", 500m, new(2026, 6, 9), new(2026, 6, 9));
        await DashboardLedger.PayAsync(db, tenant, b, 500m, new(2026, 6, 11));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_forecast_as_of_a_past_day_sees_the_invoices_open_then_even_when_they_are_paid_now()
    {
        await using var scope = db.ForTenant(tenant);
        var predictor = scope.Services.GetRequiredService<HistoryReceiptPredictor>();
        var converter = await scope.Db.ConverterAsync(CancellationToken.None);

        var then = await predictor.PredictAsync(new DateOnly(2026, 6, 7), converter, CancellationToken.None);
        var now = await predictor.PredictAsync(new DateOnly(2026, 6, 15), converter, CancellationToken.None);

        var receipt = Assert.Single(then.Receipts);
        Assert.Equal(1000m, receipt.Amount);
        Assert.Equal(new DateOnly(2026, 6, 10), receipt.PredictedDate);
        Assert.Empty(now.Receipts);
    }

    [Fact]
    public async Task The_track_record_scores_the_forecast_and_both_baselines_against_what_arrived()
    {
        await using var scope = db.ForTenant(tenant);
        var report = await scope.Services.GetRequiredService<ForecastTrackRecord>().RunAsync(2, fillSnapshots: false, CancellationToken.None);

        Assert.Equal(2, report.Origins);
        Assert.Equal(new DateOnly(2026, 5, 31), report.FirstOrigin);
        Assert.Equal(3, report.Weeks); // two finished weeks from 31 May, one from 7 June
        var all = report.Summaries.Where(s => s.Horizons == "Weeks 1-13").ToDictionary(s => s.Method);
        Assert.Equal(50.0m, all[ForecastMethod.DueDate].MapePercent); // exact in the week of 8 June from 7 June, 100 % off from 31 May
        Assert.Equal(0.0m, all[ForecastMethod.DueDate].BiasPercent); // right total, wrong week
        Assert.Equal(0.0m, all[ForecastMethod.MeanDelay].MapePercent);
        Assert.Equal(0.0m, all[ForecastMethod.Forecast].MapePercent);
        Assert.Equal(100.0m, all[ForecastMethod.Forecast].CoveragePercent);
        Assert.Null(all[ForecastMethod.DueDate].CoveragePercent); // baselines have no band

        var stored = await scope.Services.GetRequiredService<ForecastTrackRecord>().LatestAsync(CancellationToken.None);
        Assert.Equal(report.Summaries, stored!.Summaries);
        await using var other = db.ForTenant(await LedgerBuilder.CreateTenantAsync(db, "Other GmbH"));
        Assert.Null(await other.Services.GetRequiredService<ForecastTrackRecord>().LatestAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_replay_fills_forecast_vs_actual_for_past_weeks_and_keeps_a_snapshot_the_daily_job_made()
    {
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.ForecastSnapshots.Add(new() { Id = Guid.CreateVersion7(), WeekStart = new(2026, 6, 8), Expected = 700m, Low = 600m, High = 800m, MadeOn = new(2026, 6, 7) });
            await scope.Db.SaveChangesAsync();
            await scope.Services.GetRequiredService<ForecastTrackRecord>().RunAsync(2, fillSnapshots: true, CancellationToken.None);
        }

        await using var check = db.ForTenant(tenant);
        var weeks = await check.Services.GetRequiredService<ForecastService>().PastWeeksAsync(4, CancellationToken.None);
        Assert.Collection(weeks,
            w => { Assert.Equal(new DateOnly(2026, 6, 1), w.WeekStart); Assert.Equal(0m, w.Forecast); Assert.Equal(0m, w.Actual); },
            w => { Assert.Equal(new DateOnly(2026, 6, 8), w.WeekStart); Assert.Equal(700m, w.Forecast); Assert.Equal(1000m, w.Actual); });
    }
}
