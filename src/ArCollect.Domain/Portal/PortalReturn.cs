using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Portal;

/// <summary>
/// Where a card checkout sends the customer back: a short-lived, single-use reference that stands in for the portal
/// token in the addresses the payment provider keeps, so the token never reaches the provider's logs or the history
/// entry of the return. Only the reference's hash is kept; the link's token is kept encrypted until the return uses it.
/// </summary>
public class PortalReturn : ITenantOwned
{
    /// <summary>How long a checkout's return address works (a checkout session lives at most a day).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid PortalLinkId { get; set; }
    public required byte[] ReferenceHash { get; set; }

    /// <summary>The hash of the checkout choice, so a double click reuses the same return (and the same checkout).</summary>
    public required byte[] ChoiceHash { get; set; }

    /// <summary>The reference itself, encrypted, so the same choice can send the same address again; cleared on use.</summary>
    public string? ReferenceProtected { get; set; }

    /// <summary>The portal token, encrypted; cleared when the return is used.</summary>
    public string? TokenProtected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
