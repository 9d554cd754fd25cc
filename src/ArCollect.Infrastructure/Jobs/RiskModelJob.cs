using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Risk;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>
/// Nightly payment-delay run: trains on the tenant's settled invoices, keeps the model only if it beats the
/// heuristic, then rescores every open invoice. Rerunning is safe: a run adds a version and replaces the scores.
/// </summary>
public sealed class RiskModelJob(TenantJobRunner runner, TimeProvider time, ILogger<RiskModelJob> logger)
{
    public const string RecurringId = "risk-model-nightly";

    /// <summary>Every hour: each tenant is trained once a night, at <see cref="TenantNight.DefaultHour"/> in its own time zone.</summary>
    public const string Schedule = "5 * * * *";

    public Task<RiskRunSummary> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, async sp =>
        {
            await RetrainRequests.ClearAsync(sp.GetRequiredService<ArCollectDbContext>(), cancellationToken);
            return await sp.GetRequiredService<RiskModelService>().TrainAndScoreAsync(cancellationToken);
        });

    /// <summary>Trains and scores every tenant now, whatever its time zone.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);

    /// <summary>
    /// The hourly check: trains and scores each tenant whose local night hour has passed since its last run (the
    /// run's training time, so "Retrain now" after that hour also counts). Returns the tenants it ran.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<IReadOnlyList<Guid>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<Guid>();
        foreach (var (tenantId, timeZone) in await TenantZonesAsync(cancellationToken))
        {
            var lastRun = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<ArCollectDbContext>().RiskModels
                .OrderByDescending(r => r.TrainedAt).Select(r => (DateTimeOffset?)r.TrainedAt).FirstOrDefaultAsync(cancellationToken));
            if (TenantNight.IsDue(now, TenantNight.Zone(timeZone), lastRun))
            {
                due.Add(tenantId);
            }
        }

        // One tenant's failure must not leave every later tenant unscored; its last scores stay in place.
        var ran = new List<Guid>();
        await runner.ForEachTenantAsync(RecurringId, due, async tenantId =>
        {
            await RunAsync(tenantId, cancellationToken);
            ran.Add(tenantId);
            return null;
        }, cancellationToken);
        if (ran.Count < due.Count)
        {
            logger.LogWarning("Risk run failed for {FailedCount} of {DueCount} tenants", due.Count - ran.Count, due.Count);
        }

        return ran;
    }

    private Task<List<(Guid Id, string TimeZone)>> TenantZonesAsync(CancellationToken cancellationToken) =>
        runner.WithoutTenantAsync(async sp => (await sp.GetRequiredService<ArCollectDbContext>().Tenants.AsNoTracking()
            .Select(t => new { t.Id, t.TimeZone }).ToListAsync(cancellationToken)).Select(t => (t.Id, t.TimeZone)).ToList());
}
