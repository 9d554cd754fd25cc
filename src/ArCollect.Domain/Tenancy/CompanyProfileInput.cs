using ArCollect.Domain.Common;
using FluentValidation;

namespace ArCollect.Domain.Tenancy;

/// <summary>What an admin enters about the company as seller and the account customers pay into.</summary>
public sealed class CompanyProfileInput
{
    public string? LegalName { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? VatId { get; set; }
    public string? AccountHolder { get; set; }
    public string? Iban { get; set; }
    public string? Bic { get; set; }
    public string? BankName { get; set; }
    public bool AttachInvoicePdfs { get; set; }
}

public sealed class CompanyProfileInputValidator : AbstractValidator<CompanyProfileInput>
{
    public CompanyProfileInputValidator()
    {
        RuleFor(x => x.LegalName).MaximumLength(200);
        RuleFor(x => x.Street).MaximumLength(200);
        RuleFor(x => x.PostalCode).MaximumLength(20);
        RuleFor(x => x.City).MaximumLength(100);
        RuleFor(x => x.Country).Must(c => c!.Trim().Length == 2 && c.Trim().All(char.IsAsciiLetter)).When(x => !string.IsNullOrWhiteSpace(x.Country))
            .WithMessage("Country is a two-letter ISO code such as DE or FR.");
        RuleFor(x => x.VatId).Must(v => v!.Trim().Length <= 30 && v.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.'))
            .When(x => !string.IsNullOrWhiteSpace(x.VatId))
            .WithMessage("VAT id: letters and digits, at most 30 characters, such as DE123456789.");
        RuleFor(x => x.AccountHolder).MaximumLength(200);
        RuleFor(x => x.Iban).Must(Iban.IsValid).When(x => !string.IsNullOrWhiteSpace(x.Iban))
            .WithMessage("This IBAN is not valid: check the country code and the digits (the check digits do not match).");
        RuleFor(x => x.Bic).Matches("^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$").When(x => !string.IsNullOrWhiteSpace(x.Bic))
            .WithMessage("A BIC has 8 or 11 letters and digits, such as COBADEFFXXX.");
        RuleFor(x => x.Iban).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.Bic) || !string.IsNullOrWhiteSpace(x.BankName))
            .WithMessage("Enter the IBAN of the account, or clear the BIC and bank name.");
        RuleFor(x => x.BankName).MaximumLength(100);
    }
}
