using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Portal;

/// <summary>Who a valid portal token acts for.</summary>
public sealed record PortalAccess(Guid TenantId, Guid CustomerId, Guid LinkId);

/// <summary>
/// Checks a presented token in a scope of its own, so a failed check leaves the request without a tenant. Unknown,
/// altered, expired and revoked tokens all answer null: the caller cannot tell them apart, and neither can a guesser.
/// </summary>
public sealed class PortalLinkVerifier(IServiceScopeFactory scopes, TimeProvider time)
{
    // Writing the last use on every page view would make each read a write; once a minute is precise enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<PortalAccess?> VerifyAsync(string? token, CancellationToken ct)
    {
        if (!PortalTokens.TryReadTenant(token, out var tenantId))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var hash = PortalTokens.Hash(token!);
        var now = time.GetUtcNow();
        var link = await db.PortalLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null && l.ExpiresAt > now)
            .Select(l => new { l.Id, l.CustomerId, l.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (link is null)
        {
            return null;
        }

        if (link.LastUsedAt is null || link.LastUsedAt < now - LastUsedResolution)
        {
            await db.PortalLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastUsedAt, now), ct);
        }

        return new PortalAccess(tenantId, link.CustomerId, link.Id);
    }
}
