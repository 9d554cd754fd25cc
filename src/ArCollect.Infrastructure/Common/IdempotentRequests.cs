using System.Security.Cryptography;
using System.Text;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Common;

/// <summary>A key's first request and its response, when a request came with a key already used.</summary>
public sealed record IdempotentReplay(string RequestHash, int StatusCode, string? Location, string ResponseBody);

/// <summary>
/// <c>Idempotency-Key</c> handling for API requests that create something, as Stripe does: the key is claimed inside
/// the request's transaction (a unique row per tenant and key), the work runs in the same transaction and the response
/// is stored before it commits. A second request with the key waits for the first to finish, then gets its stored
/// response; with a different request (method, path or body) it is refused. Only successful responses are stored:
/// a refused request keeps nothing, so it can be corrected and sent again under the same key. A key expires
/// <see cref="Lifetime"/> after its first use, as Stripe's do: a request under an expired key is a new request, and
/// <see cref="DeleteExpiredAsync"/> removes expired keys (hourly, <c>IdempotencyKeyCleanupJob</c>).
/// </summary>
public sealed class IdempotentRequests(ArCollectDbContext db, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>How long a key replays its first response.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Hash(string method, string path, byte[] body)
    {
        var head = Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {path}\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. body]));
    }

    /// <summary>
    /// Claims the key for this request inside the current transaction; returns null when claimed (go on and call
    /// <see cref="CompleteAsync"/> before committing), or the earlier request's hash and response.
    /// </summary>
    public async Task<IdempotentReplay?> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An idempotency key is claimed inside the transaction that does the work.");
        }

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Idempotency keys belong to a tenant.");
        var now = time.GetUtcNow();
        // An expired key is claimed afresh in the same statement (the conflicting row is locked, so two requests
        // under it still queue): its old request and response are forgotten.
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, location, response_body, created_at)
            VALUES ({tenantId}, {key}, {requestHash}, 0, NULL, '', {now})
            ON CONFLICT (tenant_id, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, status_code = 0, location = NULL, response_body = '', created_at = EXCLUDED.created_at
            WHERE idempotency_keys.tenant_id = {tenantId} AND idempotency_keys.created_at <= {now - Lifetime}
            """, cancellationToken);
        if (claimed == 1)
        {
            return null;
        }

        return await db.IdempotencyKeys.AsNoTracking().Where(k => k.Key == key)
            .Select(k => new IdempotentReplay(k.RequestHash, k.StatusCode, k.Location, k.ResponseBody))
            .FirstAsync(cancellationToken);
    }

    /// <summary>Stores the response of the claimed request; commit the transaction afterwards.</summary>
    public async Task CompleteAsync(string key, int statusCode, string? location, string responseBody, CancellationToken cancellationToken) =>
        await db.IdempotencyKeys.Where(k => k.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.StatusCode, statusCode).SetProperty(k => k.Location, location)
                .SetProperty(k => k.ResponseBody, responseBody), cancellationToken);

    /// <summary>Deletes the context's tenant's keys older than <see cref="Lifetime"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Idempotency keys belong to a tenant.");
        var cutoff = time.GetUtcNow() - Lifetime;
        return await db.IdempotencyKeys.Where(k => k.TenantId == tenantId && k.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
