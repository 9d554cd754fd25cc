using ArCollect.Infrastructure.Dashboards;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Daily manager alerts and forecast snapshots for one tenant, or for every tenant in the recurring run.</summary>
public sealed class DashboardAlertsJob(TenantJobRunner runner, ILogger<DashboardAlertsJob> logger)
{
    public const string RecurringId = "dashboard-alerts";

    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<DashboardAlerts>().RunAsync(cancellationToken));
        logger.LogInformation(
            "Dashboard alerts for {TenantId}: {Crossings} crossings, {Cleared} cleared, {Shortfalls} forecast shortfalls",
            tenantId, outcome.Crossings, outcome.Cleared, outcome.Shortfalls);
    }

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
