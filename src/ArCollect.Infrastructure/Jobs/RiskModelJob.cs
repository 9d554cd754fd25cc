using ArCollect.Infrastructure.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>
/// Nightly payment-delay run: trains on the tenant's settled invoices, keeps the model only if it beats the
/// heuristic, then rescores every open invoice. Rerunning is safe: a run adds a version and replaces the scores.
/// </summary>
public sealed class RiskModelJob(TenantJobRunner runner, ILogger<RiskModelJob> logger)
{
    public const string RecurringId = "risk-model-nightly";

    /// <summary>02:00 UTC every day; one run for all tenants (see docs/prediction.md for why not each tenant's own night).</summary>
    public const string Schedule = "0 2 * * *";

    public Task<RiskRunSummary> RunAsync(Guid tenantId, CancellationToken cancellationToken) =>
        runner.RunAsync(tenantId, sp => sp.GetRequiredService<RiskModelService>().TrainAndScoreAsync(cancellationToken));

    public async Task RunAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await runner.TenantIdsAsync(cancellationToken))
        {
            try
            {
                await RunAsync(tenantId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One tenant's failure must not leave every later tenant unscored; its last scores stay in place.
                logger.LogError(ex, "Risk run failed for {TenantId}", tenantId);
            }
        }
    }
}
