using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// "Retrain now" queues at most one waiting run per tenant: a request claims <c>retrain_requested_at</c> in one
/// conditional update, and the run clears it when it starts. A claim older than <see cref="StaleAfter"/> (its job was
/// lost, e.g. deleted from the queue) no longer blocks a new request.
/// </summary>
public static class RetrainRequests
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(2);

    /// <summary>True when this request may queue a run; false when one is already waiting.</summary>
    public static async Task<bool> TryClaimAsync(ArCollectDbContext db, Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The settings row may not exist yet (defaults apply until saved); create it with the defaults first.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO risk_settings (tenant_id, grace_days, medium_from, high_from) VALUES ({tenantId}, 5, 0.3, 0.6)
            ON CONFLICT (tenant_id) DO NOTHING
            """, cancellationToken);
        var staleBefore = now - StaleAfter;
        return await db.RiskSettings
            .Where(s => s.TenantId == tenantId && (s.RetrainRequestedAt == null || s.RetrainRequestedAt < staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RetrainRequestedAt, now), cancellationToken) == 1;
    }

    /// <summary>A run is starting: the waiting request, if any, is being served.</summary>
    public static Task ClearAsync(ArCollectDbContext db, CancellationToken cancellationToken) =>
        db.RiskSettings.Where(s => s.RetrainRequestedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RetrainRequestedAt, (DateTimeOffset?)null), cancellationToken);
}
