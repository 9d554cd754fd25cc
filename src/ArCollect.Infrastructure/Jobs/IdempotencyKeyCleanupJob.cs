using ArCollect.Infrastructure.Common;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Hourly: deletes each tenant's API idempotency keys once they have expired (24 hours after first use).</summary>
public sealed class IdempotencyKeyCleanupJob(TenantJobRunner runner, ILogger<IdempotencyKeyCleanupJob> logger)
{
    public const string RecurringId = "idempotency-key-cleanup";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var deleted = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<IdempotentRequests>().DeleteExpiredAsync(cancellationToken));
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Keys} expired idempotency keys of {TenantId}", deleted, tenantId);
        }

        return deleted;
    }

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
