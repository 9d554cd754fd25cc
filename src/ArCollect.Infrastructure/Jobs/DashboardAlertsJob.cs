using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Forecasting;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>
/// Daily manager alerts and forecast snapshots for one tenant, or for every tenant in the recurring run; once a week
/// (the first run after a week finished) the forecast's track record is replayed.
/// </summary>
public sealed class DashboardAlertsJob(TenantJobRunner runner, ILogger<DashboardAlertsJob> logger)
{
    public const string RecurringId = "dashboard-alerts";

    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<DashboardAlerts>().RunAsync(cancellationToken));
        logger.LogInformation(
            "Dashboard alerts for {TenantId}: {Crossings} crossings, {Cleared} cleared, {Shortfalls} forecast shortfalls",
            tenantId, outcome.Crossings, outcome.Cleared, outcome.Shortfalls);
        var record = await runner.RunAsync(tenantId, async sp =>
        {
            var trackRecord = sp.GetRequiredService<ForecastTrackRecord>();
            return await trackRecord.IsDueAsync(cancellationToken)
                ? await trackRecord.RunAsync(ForecastTrackRecord.DefaultOrigins, fillSnapshots: false, cancellationToken)
                : null;
        });
        if (record is not null)
        {
            logger.LogInformation("Forecast track record for {TenantId}: {Origins} origins, {Weeks} forecast weeks", tenantId, record.Origins, record.Weeks);
        }
    }

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
