using ArCollect.Infrastructure.Dashboards;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Nightly: compares each tenant's daily ledger facts with a rebuild and alerts its managers on a difference.</summary>
public sealed class LedgerFactsCheckJob(TenantJobRunner runner, ILogger<LedgerFactsCheckJob> logger)
{
    public const string RecurringId = "ledger-facts-check";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var differences = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<LedgerFactsCheck>().RunAsync(cancellationToken));
        if (differences.Count > 0)
        {
            logger.LogWarning("Daily ledger facts of {TenantId} differed from a rebuild on {Rows} rows; rebuilt and alerted", tenantId, differences.Count);
        }

        return differences.Count;
    }

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
