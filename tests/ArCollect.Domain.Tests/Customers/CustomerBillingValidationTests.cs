using ArCollect.Domain.Customers;

namespace ArCollect.Domain.Tests.Customers;

public sealed class CustomerBillingValidationTests
{
    private static readonly CustomerInputValidator Validator = new();

    private static CustomerInput Valid() => new()
    {
        Name = "Atelier Dupont SARL",
        Currency = "EUR",
        Country = "FR",
        Street = "12 rue de la Paix",
        PostalCode = "75002",
        City = "Paris",
        VatId = "FR40303265045",
        ContactEmail = "claire@dupont.example",
        ContactSalutation = Salutation.Ms,
        ContactFirstName = "Claire",
        ContactLastName = "Dupont",
    };

    [Fact]
    public void A_contact_named_by_first_and_last_name_needs_no_display_name()
    {
        var input = Valid();

        ValidationAssert.Valid(Validator.Validate(input));
        Assert.Equal("Claire Dupont", input.ContactDisplayName);
    }

    [Fact]
    public void A_salutation_needs_a_last_name()
    {
        var input = Valid();
        input.ContactLastName = null;

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CustomerInput.ContactLastName), "Enter the contact's last name to address them as Ms or Mr.");
    }

    [Fact]
    public void A_vat_id_with_other_characters_is_refused_on_its_field()
    {
        var input = Valid();
        input.VatId = "FR40/303265045";

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CustomerInput.VatId),
            "VAT id: letters and digits (spaces, dots and dashes allowed), at most 30 characters, such as DE123456789.");
    }

    [Fact]
    public void A_country_must_be_a_two_letter_code()
    {
        var input = Valid();
        input.Country = "France";

        ValidationAssert.OnlyError(Validator.Validate(input), nameof(CustomerInput.Country), "Country is a two-letter ISO code such as DE or US.");
    }
}
