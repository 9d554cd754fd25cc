using ArCollect.Infrastructure.Webhooks;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Every minute: announces newly overdue invoices and delivers due webhook deliveries, tenant by tenant.</summary>
public sealed class WebhookSendJob(TenantJobRunner runner, ILogger<WebhookSendJob> logger)
{
    public const string RecurringId = "webhook-send";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var delivered = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<WebhookSender>().SendDueAsync(cancellationToken));
        if (delivered > 0)
        {
            logger.LogInformation("Delivered {DeliveryCount} webhook events for {TenantId}", delivered, tenantId);
        }

        return delivered;
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAllAsync(CancellationToken cancellationToken) =>
        await runner.ForEachTenantAsync(RecurringId, async tenantId => await RunAsync(tenantId, cancellationToken), cancellationToken);
}
