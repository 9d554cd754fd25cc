using ArCollect.Infrastructure.CashApplication;
using ArCollect.Infrastructure.Dunning;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>
/// Polls the collections mailbox of one tenant, or of every tenant with one configured, and reads the remittance
/// advices in the messages each poll captured, so an emailed advice waits for its receipt without anyone pressing
/// "Read the mailbox".
/// </summary>
public sealed class ReplyPollJob(TenantJobRunner runner)
{
    public const string RecurringId = "reply-poll";

    /// <summary>Polls one tenant's mailbox and reads the advices; the messages captured, and what could not be read as an advice (null when all could).</summary>
    public Task<(int Captured, string? Problem)> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, async sp =>
        {
            var started = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var captured = await sp.GetRequiredService<ReplyPoller>().PollAsync(cancellationToken);
            if (captured == 0)
            {
                return (captured, (string?)null);
            }

            var advices = await sp.GetRequiredService<RemittanceAdviceImporter>().ImportMailboxAsync(started, cancellationToken);
            return (captured, advices.Problems.Count == 0
                ? null
                : $"{advices.Problems.Count} remittance advice(s) in captured messages could not be read (fix them, then press Read the mailbox on the remittances page): "
                    + string.Join(" | ", advices.Problems));
        });

    /// <summary>
    /// Each tenant in turn; a tenant whose mailbox fails, or whose advices cannot be read, is recorded for its Admin and
    /// the others still run.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAllAsync(CancellationToken cancellationToken) =>
        await runner.ForEachTenantAsync(RecurringId, await runner.TenantIdsAsync(cancellationToken),
            async tenantId => (await RunAsync(tenantId, cancellationToken)).Problem, cancellationToken);
}
