using ArCollect.Infrastructure.Dunning;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>The daily reminder run of one tenant, or of every tenant for the recurring job. Safe to retry.</summary>
public sealed class ReminderRunJob(TenantJobRunner runner)
{
    public const string RecurringId = "reminder-run";

    public Task<ReminderRunResult> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sp => sp.GetRequiredService<ReminderRunner>().RunAsync(cancellationToken));

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await runner.TenantIdsAsync(cancellationToken))
        {
            await RunAsync(tenantId, cancellationToken);
        }
    }
}
