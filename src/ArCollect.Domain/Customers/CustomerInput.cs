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

    /// <summary>Billing address and VAT id printed on invoices (see <see cref="Customer.Street"/>).</summary>
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? VatId { get; set; }
    public Guid? CollectorId { get; set; }

    /// <summary>A reminder policy of the tenant other than the default; null follows the default.</summary>
    public Guid? ReminderPolicyId { get; set; }

    public decimal? CreditLimit { get; set; }
    /// <summary>IANA time zone for sending; empty for the company's own time zone.</summary>
    public string TimeZone { get; set; } = "";
    public bool DoNotContact { get; set; }
    public bool IsKeyAccount { get; set; }
    public string? Language { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>The contact's mobile number for SMS as typed; stored in E.164 after validation (Infrastructure's ContactSms).</summary>
    public string? ContactMobile { get; set; }

    /// <summary>The contact agreed to SMS reminders; who recorded it and when is kept with the contact.</summary>
    public bool ContactSmsConsent { get; set; }
    public Salutation? ContactSalutation { get; set; }
    public string? ContactFirstName { get; set; }
    public string? ContactLastName { get; set; }

    /// <summary>The contact's display name: as given, else first and last name.</summary>
    public string? ContactDisplayName =>
        !string.IsNullOrWhiteSpace(ContactName) ? ContactName.Trim()
        : $"{ContactFirstName?.Trim()} {ContactLastName?.Trim()}".Trim() is { Length: > 0 } full ? full : null;
}

public sealed class CustomerInputValidator : AbstractValidator<CustomerInput>
{
    public CustomerInputValidator()
    {
        Include(new SafeTextRules<CustomerInput>());
        RuleFor(x => x.CreditLimit).MoneyAmount();
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(200);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Currency).Must(CurrencyCodes.IsKnown)
            .WithMessage("Currency must be a three-letter ISO 4217 code such as EUR or USD.");
        RuleFor(x => x.PaymentTermsDays).InclusiveBetween(0, 365)
            .WithMessage("Payment terms must be between 0 and 365 days.");
        RuleFor(x => x.CreditLimit).GreaterThanOrEqualTo(0).When(x => x.CreditLimit.HasValue)
            .WithMessage("Credit limit cannot be negative; leave it empty for no limit.");
        RuleFor(x => x.TimeZone).Must(zone => string.IsNullOrEmpty(zone) || BeAKnownTimeZone(zone))
            .WithMessage("Time zone must be an IANA name such as Europe/Berlin.");
        RuleFor(x => x.Language).Must(Languages.IsSupported).When(x => x.Language is not null)
            .WithMessage($"Language must be one of {Languages.Codes}, or empty for the company default.");
        RuleFor(x => x.ContactEmail).Must(InputRules.IsSingleEmail).When(x => !string.IsNullOrWhiteSpace(x.ContactEmail))
            .WithMessage("Enter a valid email address for the contact, like name@example.com.");
        RuleFor(x => x.ContactName).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.ContactEmail) && x.ContactDisplayName is null)
            .WithMessage("Enter the contact's name for this email address.");
        RuleFor(x => x.ContactMobile).MaximumLength(40).WithMessage("Use at most 40 characters for the mobile number.");
        RuleFor(x => x.ContactSmsConsent).Equal(false).When(x => string.IsNullOrWhiteSpace(x.ContactMobile))
            .WithMessage("Enter the mobile number the contact agreed to receive SMS on, or clear SMS consent.");
        BillingRules();
    }

    /// <summary>Address, VAT id and the contact's salutation, as printed on invoices and reminders.</summary>
    private void BillingRules()
    {
        RuleFor(x => x.Country).Must(c => c!.Trim().Length == 2 && c.Trim().All(char.IsAsciiLetter)).When(x => !string.IsNullOrWhiteSpace(x.Country))
            .WithMessage("Country is a two-letter ISO code such as DE or US.");
        RuleFor(x => x.Street).MaximumLength(200);
        RuleFor(x => x.PostalCode).MaximumLength(20);
        RuleFor(x => x.City).MaximumLength(100);
        RuleFor(x => x.VatId).Must(v => v!.Trim().Length <= 30 && v.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.'))
            .When(x => !string.IsNullOrWhiteSpace(x.VatId))
            .WithMessage("VAT id: letters and digits (spaces, dots and dashes allowed), at most 30 characters, such as DE123456789.");
        RuleFor(x => x.ContactLastName).NotEmpty().When(x => x.ContactSalutation is not null)
            .WithMessage("Enter the contact's last name to address them as Ms or Mr.");
        RuleFor(x => x.ContactFirstName).MaximumLength(100);
        RuleFor(x => x.ContactLastName).MaximumLength(100);
    }

    // Form binding turns an empty field into null whatever the annotation says; TryFind... throws on null.
    private static bool BeAKnownTimeZone(string? zone) => zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
