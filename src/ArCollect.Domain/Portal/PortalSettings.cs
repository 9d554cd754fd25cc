using ArCollect.Domain.Tenancy;
using FluentValidation;

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

/// <summary>The portal settings form.</summary>
public sealed class PortalSettingsInput
{
    public int LinkLifetimeDays { get; set; } = PortalSettings.DefaultLinkLifetimeDays;
    public int MaxPromiseDays { get; set; } = PortalSettings.DefaultMaxPromiseDays;
    public string? PublicBaseUrl { get; set; }
}

public sealed class PortalSettingsInputValidator : AbstractValidator<PortalSettingsInput>
{
    public PortalSettingsInputValidator()
    {
        RuleFor(x => x.LinkLifetimeDays).InclusiveBetween(1, 365).WithMessage("Links can last from 1 to 365 days.");
        RuleFor(x => x.MaxPromiseDays).InclusiveBetween(1, 180).WithMessage("Promises can reach from 1 to 180 days ahead.");
        RuleFor(x => x.PublicBaseUrl)
            .Must(u => string.IsNullOrWhiteSpace(u)
                || (Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)))
            .WithMessage("Enter an address such as https://pay.example.com, or leave it empty.")
            .MaximumLength(300).WithMessage("The address can be at most 300 characters.");
    }
}
