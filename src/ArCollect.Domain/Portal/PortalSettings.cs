using ArCollect.Domain.Tenancy;
using FluentValidation;

namespace ArCollect.Domain.Portal;

/// <summary>A tenant's portal rules; a tenant without a row uses the defaults.</summary>
public class PortalSettings : ITenantOwned
{
    public const int DefaultLinkLifetimeDays = 60;
    public const int DefaultMaxPromiseDays = 30;
    public const int DefaultPromiseGraceDays = 0;
    public const int DefaultPlanMaxInstalments = 6;
    public const int DefaultPlanGraceDays = 5;

    public Guid TenantId { get; set; }

    /// <summary>How long a newly issued link works.</summary>
    public int LinkLifetimeDays { get; set; } = DefaultLinkLifetimeDays;

    /// <summary>How far ahead a customer may promise to pay from the portal.</summary>
    public int MaxPromiseDays { get; set; } = DefaultMaxPromiseDays;

    /// <summary>The address links start with for this tenant (e.g. its own domain); null uses the operator's setting.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Days after a promised date before an unpaid promise counts as broken; reminders stay paused until then.</summary>
    public int PromiseGraceDays { get; set; } = DefaultPromiseGraceDays;

    /// <summary>The most instalments a plan may have to be approved without a Manager.</summary>
    public int PlanMaxInstalments { get; set; } = DefaultPlanMaxInstalments;

    /// <summary>Risk bands whose customers get plans approved by rule, comma separated ("Low,Medium"); empty: any band.</summary>
    public string? PlanEligibleBands { get; set; }

    /// <summary>Days after an instalment's date before an unpaid instalment breaches the plan.</summary>
    public int PlanGraceDays { get; set; } = DefaultPlanGraceDays;

    /// <summary>Whether disputes and plan requests from the portal first need a code emailed to the contact on file.</summary>
    public bool RequireOneTimeCode { get; set; }

    public static PortalSettings Defaults(Guid tenantId) => new() { TenantId = tenantId };
}

/// <summary>The portal settings form.</summary>
public sealed class PortalSettingsInput
{
    public int LinkLifetimeDays { get; set; } = PortalSettings.DefaultLinkLifetimeDays;
    public int MaxPromiseDays { get; set; } = PortalSettings.DefaultMaxPromiseDays;
    public string? PublicBaseUrl { get; set; }
    public int PromiseGraceDays { get; set; } = PortalSettings.DefaultPromiseGraceDays;
    public int PlanMaxInstalments { get; set; } = PortalSettings.DefaultPlanMaxInstalments;
    public List<string> PlanEligibleBands { get; set; } = [];
    public int PlanGraceDays { get; set; } = PortalSettings.DefaultPlanGraceDays;
    public bool RequireOneTimeCode { get; set; }
    public List<PlanCurrencyRow> PlanCurrencies { get; set; } = [];
}

/// <summary>One row of the plan limits per currency on the settings page; an empty row is ignored.</summary>
public sealed class PlanCurrencyRow
{
    public string? Currency { get; set; }
    public decimal? MinInstalment { get; set; }
    public decimal? MaxBalance { get; set; }
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
        RuleFor(x => x.PromiseGraceDays).InclusiveBetween(0, 30).WithMessage("Grace after a promised date can be from 0 to 30 days.");
        RuleFor(x => x.PlanMaxInstalments).InclusiveBetween(2, PaymentPlans.PaymentPlanRules.HardMaxInstalments)
            .WithMessage($"Plans approved by rule can have from 2 to {PaymentPlans.PaymentPlanRules.HardMaxInstalments} instalments.");
        RuleFor(x => x.PlanGraceDays).InclusiveBetween(0, 30).WithMessage("Grace after an instalment date can be from 0 to 30 days.");
        RuleForEach(x => x.PlanEligibleBands).Must(b => Enum.TryParse<Risk.RiskBand>(b, ignoreCase: false, out _)).WithMessage("Choose Low, Medium or High.");
        RuleForEach(x => x.PlanCurrencies).ChildRules(row =>
        {
            row.RuleFor(r => r.Currency).Must(c => c is not null && Common.CurrencyCodes.IsKnown(c.Trim().ToUpperInvariant()))
                .When(r => r.MinInstalment is not null || r.MaxBalance is not null || !string.IsNullOrWhiteSpace(r.Currency))
                .WithMessage("Enter a three-letter currency code such as EUR.");
            row.RuleFor(r => r.MinInstalment).GreaterThan(0m).WithMessage("The minimum instalment must be more than zero.");
            row.RuleFor(r => r.MaxBalance).GreaterThan(0m).WithMessage("The largest balance must be more than zero.");
        });
        RuleFor(x => x.PlanCurrencies)
            .Must(rows => rows.Where(r => !string.IsNullOrWhiteSpace(r.Currency)).GroupBy(r => r.Currency!.Trim().ToUpperInvariant()).All(g => g.Count() == 1))
            .WithMessage("Each currency can have one row only.");
    }
}
