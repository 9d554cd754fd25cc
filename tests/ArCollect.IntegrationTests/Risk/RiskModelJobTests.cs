using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Risk;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Risk;

public sealed class RiskModelJobTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Nightly_run_stores_a_model_that_scores_open_invoices_the_same_after_reloading_it_from_PostgreSQL()
    {
        var tenant = await SeedAsync("Trained GmbH", customers: 150, invoices: 5000);

        var summary = await RunJobAsync(tenant);

        await using var scope = db.ForTenant(tenant);
        var run = await scope.Db.RiskModels.AsNoTracking().SingleAsync();
        Assert.Equal((1, RiskPredictor.Model, true), (run.Version, run.Predictor, run.IsActive));
        Assert.True(summary.Report.ModelBeatsHeuristic, summary.Report.Outcome);

        var openInvoices = await scope.Db.Invoices.CountAsync(i => i.SettledOn == null);
        var scores = await scope.Db.InvoiceScores.AsNoTracking().ToListAsync();
        Assert.Equal(openInvoices, scores.Count);
        Assert.All(scores, s => Assert.Equal((1, RiskPredictor.Model, db.Time.GetUtcNow()), (s.ModelVersion, s.Predictor, s.ScoredAt)));
        Assert.All(scores, s => Assert.Equal(3, s.Reasons.Split('\n').Length));

        // The stored bytes, loaded again, give the stored scores: nothing was lost between training, storage and scoring.
        var histories = await RiskHistoryReader.ReadAsync(scope.Db, CancellationToken.None);
        var report = RiskJson.Read(run.MetricsJson);
        var models = new RiskModelSet(run.ClassifierBytes, run.RegressorBytes, report);
        var sample = histories.SelectMany(h => h.Invoices.Where(i => i.SettledOn is null).Select(i => RiskFeatureBuilder.Build(i, h, db.Today, 5))).Take(50).ToList();
        var predictions = models.Predict(sample);
        for (var k = 0; k < sample.Count; k++)
        {
            var stored = scores.Single(s => s.InvoiceId == sample[k].InvoiceId);
            Assert.Equal(predictions[k].ProbabilityLate, stored.ProbabilityLate, 6);
            Assert.Equal(predictions[k].ExpectedDaysLate, stored.ExpectedDaysLate, 6);
        }

        var customersWithOpen = scores.Select(s => s.CustomerId).Distinct().Count();
        Assert.Equal(customersWithOpen, await scope.Db.CustomerScores.CountAsync());
    }

    [Fact]
    public async Task Tenant_with_fewer_than_500_settled_invoices_is_scored_by_the_heuristic_and_told_so()
    {
        var tenant = await SeedAsync("Small GmbH", customers: 20, invoices: 300);

        var summary = await RunJobAsync(tenant);

        Assert.Null(summary.Report.Model);
        Assert.StartsWith("Heuristic used:", summary.Run.Outcome, StringComparison.Ordinal);
        Assert.Contains("fewer than the 500 a model needs", summary.Run.Outcome, StringComparison.Ordinal);
        await using var scope = db.ForTenant(tenant);
        var run = await scope.Db.RiskModels.AsNoTracking().SingleAsync();
        Assert.Equal((RiskPredictor.Heuristic, true, null), (run.Predictor, run.IsActive, run.ClassifierBytes));
        var scores = await scope.Db.InvoiceScores.AsNoTracking().ToListAsync();
        Assert.NotEmpty(scores);
        Assert.All(scores, s => Assert.Equal(RiskPredictor.Heuristic, s.Predictor));
        Assert.All(scores, s => Assert.EndsWith("estimated by the simple payment-history rule, not a trained model", s.Reasons, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_that_does_not_beat_the_heuristic_is_recorded_but_the_last_good_model_keeps_scoring()
    {
        var tenant = await SeedAsync("Drifting GmbH", customers: 150, invoices: 5000);
        await RunJobAsync(tenant);

        // Replace every payment date by noise (a hash of the invoice id, so each run of the test sees the same noise):
        // no model can learn from it, so the second run must not be kept.
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Database.ExecuteSqlAsync(
                $"UPDATE invoices SET settled_on = greatest(issue_date, due_date + (abs(hashtext(id::text)) % 60) - 10) WHERE settled_on IS NOT NULL");
        }

        var second = await RunJobAsync(tenant);

        Assert.False(second.Report.ModelBeatsHeuristic, second.Report.Outcome);
        Assert.EndsWith("Version 1 stays active.", second.Run.Outcome, StringComparison.Ordinal);
        await using var check = db.ForTenant(tenant);
        var runs = await check.Db.RiskModels.AsNoTracking().OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([(1, true, RiskPredictor.Model), (2, false, RiskPredictor.Heuristic)], runs.Select(r => (r.Version, r.IsActive, r.Predictor)));
        Assert.All(await check.Db.InvoiceScores.AsNoTracking().ToListAsync(), s => Assert.Equal(1, s.ModelVersion));
    }

    [Fact]
    public async Task A_tenant_runs_with_the_models_dates_and_the_heuristics_probabilities_when_only_the_regressor_beats_it()
    {
        var tenant = await SeedAsync("Dated GmbH", customers: 150, invoices: 5000);

        // Every invoice is paid late, so "late or not" has nothing to rank and the classifier cannot beat the
        // heuristic; how late depends on the amount, which the customer's mean delay cannot see but the regressor can.
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.RiskSettings.Add(new RiskSettings { GraceDays = 0 });
            await scope.Db.SaveChangesAsync();
            await scope.Db.Database.ExecuteSqlAsync(
                $"UPDATE invoices SET settled_on = due_date + 1 + (abs(hashtext(id::text)) % 4) + CASE WHEN total > 2500 THEN 30 ELSE 0 END WHERE settled_on IS NOT NULL");
        }

        var summary = await RunJobAsync(tenant);

        Assert.True(summary.Report.RegressorKept, summary.Report.Outcome);
        Assert.False(summary.Report.ClassifierKept, summary.Report.Outcome);
        Assert.StartsWith("Model kept for payment dates, heuristic for probabilities", summary.Run.Outcome, StringComparison.Ordinal);
        await using var check = db.ForTenant(tenant);
        var run = await check.Db.RiskModels.AsNoTracking().SingleAsync();
        Assert.Equal((RiskPredictor.Model, true, false, true), (run.Predictor, run.IsActive, run.ClassifierBytes is not null, run.RegressorBytes is not null));
        var scores = await check.Db.InvoiceScores.AsNoTracking().ToDictionaryAsync(s => s.InvoiceId);
        Assert.All(scores.Values, s => Assert.EndsWith("probability from the simple payment-history rule; payment date from the trained model", s.Reasons, StringComparison.Ordinal));

        // Probabilities are the heuristic's own; dates are the regressor's, which tell large invoices from small ones.
        var histories = await RiskHistoryReader.ReadAsync(check.Db, CancellationToken.None);
        var open = histories.SelectMany(h => h.Invoices.Where(i => i.SettledOn is null).Select(i => (Invoice: i, Features: RiskFeatureBuilder.Build(i, h, db.Today, 0)))).ToList();
        Assert.All(open, o => Assert.Equal(summary.Report.Baseline.Predict(o.Features).ProbabilityLate, scores[o.Invoice.InvoiceId].ProbabilityLate, 6));
        var large = open.Where(o => o.Invoice.Amount > 2500).Average(o => scores[o.Invoice.InvoiceId].ExpectedDaysLate);
        var small = open.Where(o => o.Invoice.Amount <= 2500).Average(o => scores[o.Invoice.InvoiceId].ExpectedDaysLate);
        Assert.True(large > small + 15, $"large invoices {large:F1} days late, small {small:F1}");
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_models_scores_or_settings()
    {
        var tenant = await SeedAsync("Owner GmbH", customers: 20, invoices: 300);
        var other = await LedgerBuilder.CreateTenantAsync(db, "Curious Ltd");
        await using (var owner = db.ForTenant(tenant))
        {
            owner.Db.RiskSettings.Add(new RiskSettings { GraceDays = 10 });
            await owner.Db.SaveChangesAsync();
        }

        var summary = await RunJobAsync(tenant);

        Assert.Equal(10, summary.Report.GraceDays); // the owner's own setting was used
        await using var scope = db.ForTenant(other);
        Assert.Equal(0, await scope.Db.RiskModels.CountAsync());
        Assert.Equal(0, await scope.Db.InvoiceScores.CountAsync());
        Assert.Equal(0, await scope.Db.CustomerScores.CountAsync());
        Assert.Equal(0, await scope.Db.RiskModels.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.InvoiceScores.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.CustomerScores.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.RiskSettings.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM risk_models").SingleAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM invoice_scores").SingleAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM customer_scores").SingleAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM risk_settings").SingleAsync());
    }

    [Fact]
    public async Task Hourly_check_trains_each_tenant_once_in_its_own_night()
    {
        var tokyo = await SeedAsync("Tokyo KK", customers: 10, invoices: 120);
        var newYork = await SeedAsync("New York Inc", customers: 10, invoices: 120, seed: 7);
        await using (var platform = db.WithoutTenant())
        {
            await platform.Db.Tenants.Where(t => t.Id == tokyo).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "Asia/Tokyo"));
            await platform.Db.Tenants.Where(t => t.Id == newYork).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "America/New_York"));
        }

        // 15 June 09:00 UTC: neither tenant has ever been trained, so both are due.
        Assert.Equal(new[] { newYork, tokyo }.Order(), (await RunDueAsync()).Order());
        Assert.Empty(await RunDueAsync());

        // 19:00 UTC is 04:00 the next morning in Tokyo (its 03:00 has passed) but 15:00 in New York (its 03:00 was at 07:00 UTC, before the last run).
        db.Time.SetUtcNow(new DateTimeOffset(2026, 6, 15, 19, 0, 0, TimeSpan.Zero));
        Assert.Equal([tokyo], await RunDueAsync());
        db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await RunDueAsync());

        // 07:30 UTC on 16 June is 03:30 in New York.
        db.Time.SetUtcNow(new DateTimeOffset(2026, 6, 16, 7, 30, 0, TimeSpan.Zero));
        Assert.Equal([newYork], await RunDueAsync());

        await using var tokyoScope = db.ForTenant(tokyo);
        Assert.Equal([1, 2], await tokyoScope.Db.RiskModels.OrderBy(r => r.Version).Select(r => r.Version).ToListAsync());
    }

    private async Task<IReadOnlyList<Guid>> RunDueAsync()
    {
        await using var scope = db.WithoutTenant();
        return await scope.Services.GetRequiredService<RiskModelJob>().RunDueAsync(CancellationToken.None);
    }

    private async Task<Guid> SeedAsync(string name, int customers, int invoices, int seed = 20261123)
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, name);
        await using var scope = db.ForTenant(tenant);
        await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = customers, Invoices = invoices, Seed = seed }, CancellationToken.None);
        return tenant;
    }

    private async Task<RiskRunSummary> RunJobAsync(Guid tenant)
    {
        await using var scope = db.WithoutTenant();
        return await scope.Services.GetRequiredService<RiskModelJob>().RunAsync(tenant, CancellationToken.None);
    }
}
