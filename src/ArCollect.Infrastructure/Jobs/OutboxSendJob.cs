using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Sms;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>
/// Delivers the due outbox messages of one tenant, or of every tenant for the recurring run. A session advisory
/// lock per tenant keeps a second run (another worker, or a run outlasting its minute) from sending at the same time.
/// </summary>
public sealed class OutboxSendJob(TenantJobRunner runner, ILogger<OutboxSendJob> logger)
{
    public const string RecurringId = "outbox-send";

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var (sent, _) = await SendAsync(tenantId, cancellationToken);
        return sent;
    }

    /// <summary>Each tenant in turn; a failure or an unreachable mail server is recorded for that tenant's Admin.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAllAsync(CancellationToken cancellationToken) =>
        await runner.ForEachTenantAsync(RecurringId, await runner.TenantIdsAsync(cancellationToken), async tenantId =>
        {
            var (_, unreachable) = await SendAsync(tenantId, cancellationToken);
            return unreachable is null ? null : $"The mail server could not be reached; messages wait and go out once it answers. {unreachable}";
        }, cancellationToken);

    private async Task<(int Sent, string? Unreachable)> SendAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var (sent, unreachable) = await runner.RunAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<ArCollectDbContext>();
            var sender = sp.GetRequiredService<OutboxSender>();
            var lockKey = "outbox-send:" + tenantId;
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtextextended({lockKey}, 0)) AS \"Value\"").SingleAsync(cancellationToken);
                if (!locked)
                {
                    logger.LogInformation("Outbox of {TenantId} is being sent by another run", tenantId);
                    return (0, (string?)null);
                }

                try
                {
                    var sent = await sender.SendDueAsync(cancellationToken);
                    var unreachable = sender.UnreachableError;
                    if (sp.GetService<SmsSender>() is { } sms)
                    {
                        sent += await sms.SendDueAsync(cancellationToken);
                        unreachable ??= sms.UnreachableError;
                    }

                    return (sent, unreachable);
                }
                finally
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended({lockKey}, 0))", CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        if (sent > 0)
        {
            logger.LogInformation("Sent {MessageCount} messages for {TenantId}", sent, tenantId);
        }

        return (sent, unreachable);
    }
}
