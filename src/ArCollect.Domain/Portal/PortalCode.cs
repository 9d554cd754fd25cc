using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Portal;

/// <summary>
/// A six-digit code emailed to a customer's contact before a dispute or plan request from the portal. Only a keyed
/// hash of the code is kept; it works for <see cref="PortalCodes.Lifetime"/>, for <see cref="PortalCodes.MaxAttempts"/> tries, once.
/// </summary>
public class PortalCode : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid PortalLinkId { get; set; }

    /// <summary>What the code unlocks: "dispute" or "plan".</summary>
    public required string Purpose { get; set; }

    public required byte[] CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>How codes are made and checked.</summary>
public static class PortalCodes
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>A confirmed code lets the customer send the form for this long.</summary>
    public static readonly TimeSpan ConfirmedFor = TimeSpan.FromMinutes(30);

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA256 of the code keyed by the row id, so equal codes never share a hash.</summary>
    public static byte[] Hash(Guid codeId, string code) =>
        HMACSHA256.HashData(codeId.ToByteArray(), Encoding.UTF8.GetBytes(code.Trim()));

    public static bool Matches(PortalCode stored, string? entered) =>
        entered is not null && entered.Trim().Length == 6
        && CryptographicOperations.FixedTimeEquals(stored.CodeHash, Hash(stored.Id, entered));
}
