using ArCollect.Infrastructure.Dunning;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Polls the collections mailbox of one tenant, or of every tenant with one configured.</summary>
public sealed class ReplyPollJob(TenantJobRunner runner)
{
    public const string RecurringId = "reply-poll";

    public Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sp => sp.GetRequiredService<ReplyPoller>().PollAsync(cancellationToken));

    /// <summary>Each tenant in turn; one tenant's failure is recorded for its Admin and the others still run.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}
