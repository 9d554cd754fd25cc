using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>
/// A tenant's amounts of money that only make sense in one currency: the largest write-off a clerk may make without a
/// Manager's approval, and the late-fee flat amount and cap. One row per currency; an empty value means none.
/// </summary>
public class CurrencySettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Currency { get; set; }

    /// <summary>Write-offs above this amount need a Manager's approval; null for no limit.</summary>
    public decimal? WriteOffLimit { get; set; }

    /// <summary>The flat late fee per period in this currency (used when late fees are flat); null for none.</summary>
    public decimal? LateFeeFlat { get; set; }

    /// <summary>Most late fees one invoice in this currency can collect in total; null for no cap.</summary>
    public decimal? LateFeeCap { get; set; }
}
