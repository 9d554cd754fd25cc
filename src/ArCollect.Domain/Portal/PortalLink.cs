using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Portal;

/// <summary>
/// A customer's way into the portal without a password. Only the SHA-256 hash of the token is kept; the token itself
/// is shown once, in the reminder, statement or invoice PDF that carries the link.
/// </summary>
public class PortalLink : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>What issued the link, e.g. "Reminder", "Statement", "Clerk", "Requested by the customer".</summary>
    public required string IssuedFor { get; set; }

    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
