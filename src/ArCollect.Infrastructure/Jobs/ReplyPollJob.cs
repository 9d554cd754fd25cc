using ArCollect.Infrastructure.Dunning;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Polls the collections mailbox of one tenant, or of every tenant with one configured.</summary>
public sealed class ReplyPollJob(TenantJobRunner runner)
{
    public const string RecurringId = "reply-poll";

    public Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sp => sp.GetRequiredService<ReplyPoller>().PollAsync(cancellationToken));

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await runner.TenantIdsAsync(cancellationToken))
        {
            await RunAsync(tenantId, cancellationToken);
        }
    }
}
