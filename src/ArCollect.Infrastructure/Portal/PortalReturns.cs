using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Portal;

/// <summary>
/// Short-lived, single-use return references for card checkouts (see <see cref="PortalReturn"/>). A reference has the
/// token's shape (<c>{tenant}-{256 random bits}</c>) so the tenant is known before any read; it is stored hashed.
/// </summary>
public sealed class PortalReturns(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The path Stripe sends the customer back to; it is outside the token's reach on purpose.</summary>
    public const string PathPrefix = "/portal/return/";

    private readonly IDataProtector protector = protection.CreateProtector("ArCollect.Portal.Return.v1");

    /// <summary>
    /// The return reference for this checkout choice on this link: the unused one already issued for the same choice
    /// (a double click sends Stripe the same addresses, so its idempotent answer stays valid), else a new one.
    /// Returns the reference and the row's id, which tells checkouts of different returns apart.
    /// </summary>
    public async Task<(string Reference, Guid Id)> IssueAsync(ArCollectDbContext db, Guid customerId, Guid linkId, string token, string choice, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("No tenant for a portal return.");
        var choiceHash = SHA256.HashData(Encoding.UTF8.GetBytes(choice));
        var now = time.GetUtcNow();
        var existing = await db.PortalReturns.AsNoTracking()
            .Where(r => r.PortalLinkId == linkId && r.ChoiceHash == choiceHash && r.UsedAt == null && r.ExpiresAt > now && r.ReferenceProtected != null)
            .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.ReferenceProtected }).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return (protector.Unprotect(existing.ReferenceProtected!), existing.Id);
        }

        var reference = PortalTokens.Create(tenantId);
        var row = new PortalReturn
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            PortalLinkId = linkId,
            ReferenceHash = PortalTokens.Hash(reference),
            ChoiceHash = choiceHash,
            ReferenceProtected = protector.Protect(reference),
            TokenProtected = protector.Protect(token),
            CreatedAt = now,
            ExpiresAt = now + PortalReturn.Lifetime,
        };
        db.PortalReturns.Add(row);
        await db.SaveChangesAsync(ct);
        return (reference, row.Id);
    }

    /// <summary>
    /// Uses a reference once: the portal token it stands for, or null when it is unknown, altered, expired or already
    /// used. Two requests with the same reference at once get the token only once (the update decides).
    /// </summary>
    public async Task<string?> UseAsync(string? reference, CancellationToken ct)
    {
        if (!PortalTokens.TryReadTenant(reference, out var tenantId))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var hash = PortalTokens.Hash(reference!);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.PortalReturns
            .Where(r => r.ReferenceHash == hash && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct);
        if (claimed != 1)
        {
            return null;
        }

        var stored = await db.PortalReturns.AsNoTracking().Where(r => r.ReferenceHash == hash).Select(r => r.TokenProtected).FirstAsync(ct);
        await db.PortalReturns.Where(r => r.ReferenceHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TokenProtected, (string?)null).SetProperty(r => r.ReferenceProtected, (string?)null), ct);
        await transaction.CommitAsync(ct);
        try
        {
            return stored is null ? null : protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
