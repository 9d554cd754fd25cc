using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Tenancy;

/// <summary>A new key and its secret text, which is never stored and can be shown only this once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>
/// Creates and revokes a tenant's API keys. A key reads <c>arc_{tenant id}_{256 random bits}</c>: the tenant part only
/// says where to look (row-level security needs a tenant before any read); the random part is what proves access,
/// and only its SHA-256 hash is kept.
/// </summary>
public sealed class ApiKeyService(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    private const string Marker = "arc_";

    public async Task<CreatedApiKey> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var secret = $"{Marker}{tenant.RequiredTenantId:N}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Prefix = secret[..(Marker.Length + 8)],
            KeyHash = Hash(secret),
            CreatedBy = tenant.UserId,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>Revokes a key of the current tenant; false when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow()), cancellationToken) == 1;

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryReadTenant(string key, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return key.StartsWith(Marker, StringComparison.Ordinal) && key.Length is > 40 and < 200 && key[36] == '_'
            && Guid.TryParseExact(key.AsSpan(Marker.Length, 32), "N", out tenantId);
    }
}

/// <summary>Checks a presented key in a scope of its own, so a failed check leaves the request without a tenant.</summary>
public sealed class ApiKeyVerifier(IServiceScopeFactory scopes, TimeProvider time)
{
    // Writing the last-used time on every call would make each API read a write; once a minute is precise enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(Guid TenantId, Guid KeyId)?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyService.TryReadTenant(presented, out var tenantId))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var hash = ApiKeyService.Hash(presented);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || key.LastUsedAt < now - LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return (tenantId, key.Id);
    }
}
