using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public class InvoiceInputValidatorTests
{
    private readonly InvoiceInputValidator _validator = new();

    private static InvoiceLineInput GoodLine() => new() { Description = "Consulting", Quantity = 2m, UnitPrice = 100m, TaxRate = 19m };

    private static InvoiceLineInput BlankLine() => new() { Description = null, Quantity = 1m, UnitPrice = 0m, TaxRate = 0m };

    private static InvoiceInput ValidInput() => new()
    {
        CustomerId = Guid.NewGuid(),
        Number = "INV-2025/001",
        IssueDate = new DateOnly(2025, 3, 1),
        DueDate = new DateOnly(2025, 3, 31),
        Currency = "EUR",
        Lines = [GoodLine()],
    };

    [Fact]
    public void Complete_invoice_is_valid()
    {
        ValidationAssert.Valid(_validator.Validate(ValidInput()));
    }

    [Fact]
    public void Missing_customer_is_refused()
    {
        var input = ValidInput();
        input.CustomerId = Guid.Empty;

        ValidationAssert.OnlyError(_validator.Validate(input), "CustomerId", "Choose the customer to invoice.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_number_is_reported_as_missing_only(string number)
    {
        var input = ValidInput();
        input.Number = number;

        ValidationAssert.OnlyError(_validator.Validate(input), "Number", "Enter an invoice number.");
    }

    [Theory]
    [InlineData("INV 001")]
    [InlineData("-001")]
    [InlineData("/2025/1")]
    [InlineData("INV#1")]
    [InlineData("RÉ-1")]
    public void Number_with_other_characters_is_refused(string number)
    {
        var input = ValidInput();
        input.Number = number;

        ValidationAssert.OnlyError(_validator.Validate(input), "Number", "Invoice number may contain letters, digits and / _ . - only.");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2025/INV_01.a-9")]
    [InlineData("a-")]
    public void Number_with_letters_digits_and_separators_is_accepted(string number)
    {
        var input = ValidInput();
        input.Number = number;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Number_of_fifty_characters_is_accepted_and_fifty_one_refused()
    {
        var input = ValidInput();
        input.Number = new string('7', 50);
        ValidationAssert.Valid(_validator.Validate(input));

        input.Number = new string('7', 51);
        ValidationAssert.OnlyError(_validator.Validate(input), "Number", "50 characters or fewer");
    }

    [Fact]
    public void Missing_issue_date_is_refused()
    {
        var input = ValidInput();
        input.IssueDate = default;

        ValidationAssert.OnlyError(_validator.Validate(input), "IssueDate", "Enter the issue date.");
    }

    [Fact]
    public void Due_date_before_issue_date_is_refused()
    {
        var input = ValidInput();
        input.DueDate = new DateOnly(2025, 2, 28);

        ValidationAssert.OnlyError(_validator.Validate(input), "DueDate", "Due date cannot be before the issue date.");
    }

    [Fact]
    public void Due_on_the_issue_date_is_accepted()
    {
        var input = ValidInput();
        input.DueDate = input.IssueDate;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    public void Unknown_currency_is_refused(string currency)
    {
        var input = ValidInput();
        input.Currency = currency;

        ValidationAssert.OnlyError(_validator.Validate(input), "Currency", "three-letter ISO 4217 code such as EUR or USD");
    }

    [Fact]
    public void Invoice_without_lines_is_refused()
    {
        var input = ValidInput();
        input.Lines = [];

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines", "Add at least one line.");
    }

    [Fact]
    public void Invoice_whose_lines_arrive_as_null_is_refused_not_thrown()
    {
        // A JSON body with "lines": null binds null even though the property is not nullable.
        var input = ValidInput();
        input.Lines = null!;

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines", "Add at least one line.");
    }

    [Fact]
    public void Invoice_with_only_blank_lines_is_refused()
    {
        var input = ValidInput();
        input.Lines = [BlankLine(), new InvoiceLineInput { Description = "  ", Quantity = 0m, TaxRate = 500m }];

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines", "Add at least one line.");
    }

    [Fact]
    public void Blank_lines_are_not_checked()
    {
        var input = ValidInput();
        input.Lines = [BlankLine(), GoodLine(), new InvoiceLineInput { Description = "", Quantity = -3m, UnitPrice = 0m, TaxRate = -1m }];

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Priced_line_without_description_is_refused()
    {
        var input = ValidInput();
        input.Lines = [new InvoiceLineInput { Description = " ", Quantity = 1m, UnitPrice = 10m }];

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[0].Description", "Describe what is being invoiced.");
    }

    [Fact]
    public void Description_of_five_hundred_characters_is_accepted_and_five_hundred_one_refused()
    {
        var input = ValidInput();
        input.Lines[0].Description = new string('d', 500);
        ValidationAssert.Valid(_validator.Validate(input));

        input.Lines[0].Description = new string('d', 501);
        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[0].Description", "500 characters or fewer");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Line_quantity_must_be_more_than_zero(int quantity)
    {
        var input = ValidInput();
        input.Lines[0].Quantity = quantity;

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[0].Quantity", "Quantity must be more than zero.");
    }

    [Fact]
    public void Negative_unit_price_points_to_a_credit_note()
    {
        var input = ValidInput();
        input.Lines[0].UnitPrice = -0.01m;

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[0].UnitPrice", "issue a credit note instead");
    }

    [Fact]
    public void Described_line_at_zero_price_is_accepted()
    {
        var input = ValidInput();
        input.Lines = [new InvoiceLineInput { Description = "Free setup", Quantity = 1m, UnitPrice = 0m }];

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    public void Tax_rate_outside_zero_to_hundred_percent_is_refused(string rate)
    {
        var input = ValidInput();
        input.Lines[0].TaxRate = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[0].TaxRate", "Tax rate is a percentage between 0 and 100.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Tax_rate_of_zero_or_hundred_percent_is_accepted(int rate)
    {
        var input = ValidInput();
        input.Lines[0].TaxRate = rate;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Line_errors_name_the_line_by_its_position_in_the_input_including_blank_lines()
    {
        var input = ValidInput();
        input.Lines = [BlankLine(), GoodLine(), new InvoiceLineInput { Description = "Hours", Quantity = 0m, UnitPrice = 90m }];

        ValidationAssert.OnlyError(_validator.Validate(input), "Lines[2].Quantity", "Quantity must be more than zero.");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var input = new InvoiceInput
        {
            Number = "",
            Currency = "",
            IssueDate = new DateOnly(2025, 3, 1),
            DueDate = new DateOnly(2025, 2, 1),
            Lines = [new InvoiceLineInput { Description = "x", Quantity = 0m, UnitPrice = -1m, TaxRate = 101m }],
        };

        var properties = _validator.Validate(input).Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["Currency", "CustomerId", "DueDate", "Lines[0].Quantity", "Lines[0].TaxRate", "Lines[0].UnitPrice", "Number"],
            properties);
    }
}
