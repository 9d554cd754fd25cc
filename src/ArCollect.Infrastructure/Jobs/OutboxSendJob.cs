using ArCollect.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Delivers the due outbox messages of one tenant, or of every tenant for the recurring run.</summary>
public sealed class OutboxSendJob(TenantJobRunner runner, ILogger<OutboxSendJob> logger)
{
    public const string RecurringId = "outbox-send";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var sent = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken));
        if (sent > 0)
        {
            logger.LogInformation("Sent {MessageCount} messages for {TenantId}", sent, tenantId);
        }

        return sent;
    }

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await runner.TenantIdsAsync(cancellationToken))
        {
            await RunAsync(tenantId, cancellationToken);
        }
    }
}
