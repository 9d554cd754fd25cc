using ArCollect.Infrastructure.Invoices;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Daily: charges the period's late fees of one tenant, or of every tenant for the recurring run.</summary>
public sealed class LateFeeJob(TenantJobRunner runner, ILogger<LateFeeJob> logger)
{
    public const string RecurringId = "late-fees";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var charged = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<LateFeeCharger>().ChargeDueAsync(cancellationToken));
        if (charged > 0)
        {
            logger.LogInformation("Charged late fees on {InvoiceCount} invoices for {TenantId}", charged, tenantId);
        }

        return charged;
    }

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
