using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Disputes;

/// <summary>A reason a tenant offers for disputes; the list is the tenant's to edit, starting from the defaults.</summary>
public class DisputeReasonCode : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>Short stable key, e.g. "damaged-goods"; disputes store it.</summary>
    public required string Code { get; set; }
    public required string Label { get; set; }
    public DisputeReason Category { get; set; } = DisputeReason.Other;
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}

/// <summary>The default reason codes every tenant starts with.</summary>
public static class DisputeReasonCodes
{
    public static readonly IReadOnlyList<(string Code, string Label, DisputeReason Category)> Defaults =
    [
        ("pricing", "Pricing", DisputeReason.PricingError),
        ("quantity", "Quantity", DisputeReason.QuantityMismatch),
        ("damaged-goods", "Damaged goods", DisputeReason.DamagedGoods),
        ("not-received", "Not received", DisputeReason.NotReceived),
        ("duplicate-billing", "Duplicate billing", DisputeReason.DuplicateBilling),
        ("already-paid", "Already paid", DisputeReason.AlreadyPaid),
        ("tax", "Tax", DisputeReason.Tax),
        ("service-quality", "Service quality", DisputeReason.ServiceQuality),
        ("short-payment", "Short payment", DisputeReason.ShortPayment),
        ("other", "Other", DisputeReason.Other),
    ];

    public static string DefaultCode(DisputeReason reason) => Defaults.First(d => d.Category == reason).Code;

    public static string DefaultLabel(string code) =>
        Defaults.FirstOrDefault(d => d.Code == code).Label ?? code;

    public static DisputeReason CategoryOf(string code) =>
        Defaults.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? d.Category : DisputeReason.Other;
}
