using ArCollect.Infrastructure.Invoices;
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

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await runner.TenantIdsAsync(cancellationToken))
        {
            await RunAsync(tenantId, cancellationToken);
        }
    }
}
