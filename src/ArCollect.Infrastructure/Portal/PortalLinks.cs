using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Portal;

/// <summary>A new link and its token, which is never stored and can be shown only this once.</summary>
public sealed record IssuedPortalLink(PortalLink Link, string Token, string Url);

/// <summary>One active link as the customer page lists it.</summary>
public sealed record PortalLinkRow(Guid Id, string IssuedFor, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// Issues, lists and revokes a tenant's portal links. Issuing only adds the row to the context: the caller saves it
/// in the same transaction as the message, statement or PDF that carries the link.
/// </summary>
public sealed class PortalLinks(ArCollectDbContext db, DunningOptions options, TimeProvider time)
{
    private PortalSettings? settings;

    public async Task<PortalSettings> SettingsAsync(CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Portal links need a tenant.");
        return settings ??= await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? PortalSettings.Defaults(tenantId);
    }

    /// <summary>Where links start: the tenant's own address if set, else the operator's public base URL; never a request's Host header.</summary>
    public async Task<string> BaseUrlAsync(CancellationToken ct)
    {
        var own = (await SettingsAsync(ct)).PublicBaseUrl;
        return (string.IsNullOrWhiteSpace(own) ? options.PublicBaseUrl : own).TrimEnd('/');
    }

    public async Task<IssuedPortalLink> IssueAsync(Guid customerId, string issuedFor, Guid? createdBy, CancellationToken ct, DateTimeOffset? at = null)
    {
        var current = await SettingsAsync(ct);
        var baseUrl = await BaseUrlAsync(ct);
        var now = at ?? time.GetUtcNow();
        var token = PortalTokens.Create(current.TenantId);
        var link = new PortalLink
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            TokenHash = PortalTokens.Hash(token),
            IssuedFor = issuedFor.Length > 60 ? issuedFor[..60] : issuedFor,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now.AddDays(current.LinkLifetimeDays),
        };
        db.PortalLinks.Add(link);
        return new IssuedPortalLink(link, token, $"{baseUrl}/portal/{token}");
    }

    public async Task<IReadOnlyList<PortalLinkRow>> ActiveAsync(Guid customerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.PortalLinks.AsNoTracking()
            .Where(l => l.CustomerId == customerId && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new PortalLinkRow(l.Id, l.IssuedFor, l.CreatedAt, l.ExpiresAt, l.LastUsedAt))
            .ToListAsync(ct);
    }

    /// <summary>Revokes one active link of the customer, or all of them when <paramref name="linkId"/> is null; returns how many.</summary>
    public async Task<int> RevokeAsync(Guid customerId, Guid? linkId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.PortalLinks
            .Where(l => l.CustomerId == customerId && l.RevokedAt == null && (linkId == null || l.Id == linkId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
    }
}
