using ArCollect.Domain.Customers;

namespace ArCollect.Domain.Tests.Customers;

public class CustomerInputValidatorTests
{
    private readonly CustomerInputValidator _validator = new();

    private static CustomerInput ValidInput() => new()
    {
        ExternalId = "C-10042",
        Name = "Müller & Söhne GmbH",
        Currency = "EUR",
        PaymentTermsDays = 30,
        CreditLimit = 25_000m,
        TimeZone = "Europe/Berlin",
        ContactName = "Anna Müller",
        ContactEmail = "anna.mueller@example.com",
    };

    [Fact]
    public void Complete_customer_is_valid()
    {
        ValidationAssert.Valid(_validator.Validate(ValidInput()));
    }

    [Fact]
    public void Customer_with_only_name_and_currency_is_valid()
    {
        ValidationAssert.Valid(_validator.Validate(new CustomerInput { Name = "Acme", Currency = "USD" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_name_is_refused(string name)
    {
        var input = ValidInput();
        input.Name = name;

        ValidationAssert.OnlyError(_validator.Validate(input), "Name", "Enter the customer's name.");
    }

    [Fact]
    public void Name_of_two_hundred_characters_is_accepted_and_two_hundred_one_refused()
    {
        var input = ValidInput();
        input.Name = new string('n', 200);
        ValidationAssert.Valid(_validator.Validate(input));

        input.Name = new string('n', 201);
        ValidationAssert.OnlyError(_validator.Validate(input), "Name", "200 characters or fewer");
    }

    [Fact]
    public void External_id_over_a_hundred_characters_is_refused()
    {
        var input = ValidInput();
        input.ExternalId = new string('x', 100);
        ValidationAssert.Valid(_validator.Validate(input));

        input.ExternalId = new string('x', 101);
        ValidationAssert.OnlyError(_validator.Validate(input), "ExternalId", "100 characters or fewer");
    }

    [Theory]
    [InlineData("")]
    [InlineData("gbp")]
    [InlineData("POUND")]
    public void Unknown_currency_is_refused(string currency)
    {
        var input = ValidInput();
        input.Currency = currency;

        ValidationAssert.OnlyError(_validator.Validate(input), "Currency", "three-letter ISO 4217 code such as EUR or USD");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void Payment_terms_outside_zero_to_365_days_are_refused(int days)
    {
        var input = ValidInput();
        input.PaymentTermsDays = days;

        ValidationAssert.OnlyError(_validator.Validate(input), "PaymentTermsDays", "Payment terms must be between 0 and 365 days.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(365)]
    public void Payment_terms_of_zero_or_365_days_are_accepted(int days)
    {
        var input = ValidInput();
        input.PaymentTermsDays = days;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Negative_credit_limit_is_refused_and_says_to_leave_it_empty()
    {
        var input = ValidInput();
        input.CreditLimit = -0.01m;

        ValidationAssert.OnlyError(_validator.Validate(input), "CreditLimit", "leave it empty for no limit");
    }

    [Fact]
    public void Credit_limit_may_be_zero_or_empty()
    {
        var input = ValidInput();
        input.CreditLimit = 0m;
        ValidationAssert.Valid(_validator.Validate(input));

        input.CreditLimit = null;
        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Berlin")]
    public void Unknown_time_zone_is_refused(string zone)
    {
        var input = ValidInput();
        input.TimeZone = zone;

        ValidationAssert.OnlyError(_validator.Validate(input), "TimeZone", "IANA name such as Europe/Berlin");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_time_zone_is_accepted_as_the_companys(string? zone)
    {
        // Form binding turns an empty text box into null even though the property is not nullable; the page and the
        // API then store the company's time zone.
        var input = ValidInput();
        input.TimeZone = zone!;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("Etc/UTC")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Pacific/Auckland")]
    public void Iana_time_zone_is_accepted(string zone)
    {
        var input = ValidInput();
        input.TimeZone = zone;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("anna.example.com")]
    [InlineData("anna@")]
    [InlineData("@example.com")]
    public void Malformed_contact_email_is_refused(string email)
    {
        var input = ValidInput();
        input.ContactEmail = email;

        ValidationAssert.OnlyError(_validator.Validate(input), "ContactEmail", "like name@example.com");
    }

    [Fact]
    public void Contact_email_needs_a_contact_name()
    {
        var input = ValidInput();
        input.ContactName = " ";

        ValidationAssert.OnlyError(_validator.Validate(input), "ContactName", "Enter the contact's name for this email address.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Contact_name_and_email_may_both_be_left_out(string? email)
    {
        var input = ValidInput();
        input.ContactEmail = email;
        input.ContactName = null;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Contact_name_without_email_is_accepted()
    {
        var input = ValidInput();
        input.ContactEmail = null;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData(null)]
    public void Supported_or_absent_language_is_valid(string? language)
    {
        var input = ValidInput();
        input.Language = language;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("german")]
    [InlineData("pt")]
    [InlineData("DE")]
    public void Unsupported_language_is_refused_naming_the_field(string language)
    {
        var input = ValidInput();
        input.Language = language;

        ValidationAssert.OnlyError(_validator.Validate(input), "Language", "Language must be one of en, de, fr, es, it, nl");
    }
}
