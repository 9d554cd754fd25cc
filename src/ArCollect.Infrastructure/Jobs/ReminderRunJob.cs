using ArCollect.Infrastructure.Dunning;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>The daily reminder run of one tenant, or of every tenant for the recurring job. Safe to retry.</summary>
public sealed class ReminderRunJob(TenantJobRunner runner)
{
    public const string RecurringId = "reminder-run";

    public Task<ReminderRunResult> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sp => sp.GetRequiredService<ReminderRunner>().RunAsync(cancellationToken));

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
