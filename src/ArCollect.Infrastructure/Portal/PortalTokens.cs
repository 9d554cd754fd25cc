using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ArCollect.Infrastructure.Portal;

/// <summary>
/// A portal token reads <c>{tenant id, 32 hex}-{256 random bits, base64url}</c>. The tenant part only says where to
/// look (row-level security needs a tenant before any read); the random part is what proves access, and only the
/// SHA-256 hash of the whole token is stored.
/// </summary>
public static class PortalTokens
{
    private const int TenantLength = 32;
    private const int RandomBytes = 32;
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Create(Guid tenantId) =>
        $"{tenantId:N}-{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes))}";

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The tenant a well-formed token names; false for anything that is not shaped like a token.</summary>
    public static bool TryReadTenant(string? token, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return token is { Length: > TenantLength + 40 and < 100 } && token[TenantLength] == '-'
            && token.AsSpan(TenantLength + 1).IndexOfAnyExcept(Base64UrlChars) < 0
            && Guid.TryParseExact(token.AsSpan(0, TenantLength), "N", out tenantId) && tenantId != Guid.Empty;
    }
}
