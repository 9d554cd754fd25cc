using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Customers;

/// <summary>What a clerk, the API or an import supplies to create or change a customer.</summary>
public sealed class CustomerInput
{
    public string? ExternalId { get; set; }
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "";
    public int PaymentTermsDays { get; set; } = 30;
    public string? Segment { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }
    public Guid? CollectorId { get; set; }

    /// <summary>A reminder policy of the tenant other than the default; null follows the default.</summary>
    public Guid? ReminderPolicyId { get; set; }

    public decimal? CreditLimit { get; set; }
    public string TimeZone { get; set; } = "Etc/UTC";
    public bool DoNotContact { get; set; }
    public bool IsKeyAccount { get; set; }
    public string? Language { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
}

public sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator()
    {
        Include(new SafeTextRules<CustomerInput>());
        RuleFor(x => x.CreditLimit).MoneyAmount();
        RuleFor(x => x.ContactEmail).SingleEmail();
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(200);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Currency).Must(CurrencyCodes.IsKnown)
            .WithMessage("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
        RuleFor(x => x.PaymentTermsDays).InclusiveBetween(0, 365)
            .WithMessage("Payment terms must be between 0 and 365 days.");
        RuleFor(x => x.CreditLimit).GreaterThanOrEqualTo(0).When(x => x.CreditLimit.HasValue)
            .WithMessage("Credit limit cannot be negative; leave it empty for no limit.");
        RuleFor(x => x.TimeZone).Must(BeAKnownTimeZone)
            .WithMessage("Time zone must be an IANA name such as Europe/Berlin.");
        RuleFor(x => x.Language).Must(Languages.IsSupported).When(x => x.Language is not null)
            .WithMessage($"Language must be one of {Languages.Codes}, or empty for the company default.");
        RuleFor(x => x.ContactEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
            .WithMessage("Enter a valid email address for the contact, like name@example.com.");
        RuleFor(x => x.ContactName).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
            .WithMessage("Enter the contact's name for this email address.");
    }

    // Form binding turns an empty field into null whatever the annotation says; TryFind... throws on null.
    private static bool BeAKnownTimeZone(string? zone) => zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
