using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Portal;

/// <summary>A tenant's portal rules; a tenant without a row uses the defaults.</summary>
public class PortalSettings : ITenantOwned
{
    public const int DefaultLinkLifetimeDays = 60;
    public const int DefaultMaxPromiseDays = 30;

    public Guid TenantId { get; set; }

    /// <summary>How long a newly issued link works.</summary>
    public int LinkLifetimeDays { get; set; } = DefaultLinkLifetimeDays;

    /// <summary>How far ahead a customer may promise to pay from the portal.</summary>
    public int MaxPromiseDays { get; set; } = DefaultMaxPromiseDays;

    /// <summary>The address links start with for this tenant (e.g. its own domain); null uses the operator's setting.</summary>
    public string? PublicBaseUrl { get; set; }

    public static PortalSettings Defaults(Guid tenantId) => new() { TenantId = tenantId };
}
