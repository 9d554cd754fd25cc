using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Tests.Tenancy;

public sealed class CompanyProfileInputValidatorTests
{
    private static readonly CompanyProfileInputValidator Validator = new();

    private static CompanyProfileInput Valid() => new()
    {
        LegalName = "Nordlicht Handel GmbH",
        Country = "DE",
        VatId = "DE298765432",
        Iban = "DE89 3704 0044 0532 0130 00",
        Bic = "COBADEFFXXX",
    };

    [Fact]
    public void A_complete_profile_is_valid() => ValidationAssert.Valid(Validator.Validate(Valid()));

    [Fact]
    public void An_iban_with_a_wrong_check_digit_is_refused_on_the_iban_field()
    {
        var input = Valid();
        input.Iban = "DE88 3704 0044 0532 0130 00";

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CompanyProfileInput.Iban),
            "This IBAN is not valid: check the country code and the digits (the check digits do not match).");
    }

    [Fact]
    public void A_bic_without_an_iban_asks_for_the_iban()
    {
        var input = Valid();
        input.Iban = null;

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CompanyProfileInput.Iban), "Enter the IBAN of the account, or clear the BIC and bank name.");
    }

    [Fact]
    public void A_malformed_bic_is_refused()
    {
        var input = Valid();
        input.Bic = "COBA-DE";

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CompanyProfileInput.Bic), "A BIC has 8 or 11 letters and digits, such as COBADEFFXXX.");
    }
}
