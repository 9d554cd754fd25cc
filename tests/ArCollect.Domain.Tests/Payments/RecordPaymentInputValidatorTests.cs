using ArCollect.Domain.Payments;

namespace ArCollect.Domain.Tests.Payments;

public class RecordPaymentInputValidatorTests
{
    // 15 March 2025, 10:00 UTC.
    private static readonly DateTimeOffset Now = new(2025, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly RecordPaymentInputValidator _validator = new(new FixedTimeProvider(Now));

    private static RecordPaymentInput ValidInput() => new()
    {
        CustomerId = Guid.NewGuid(),
        Amount = 250.75m,
        Currency = "EUR",
        ReceivedOn = new DateOnly(2025, 3, 14),
        Reference = "Transfer 4711",
    };

    [Fact]
    public void Complete_payment_is_valid()
    {
        ValidationAssert.Valid(_validator.Validate(ValidInput()));
    }

    [Fact]
    public void Missing_customer_is_refused()
    {
        var input = ValidInput();
        input.CustomerId = Guid.Empty;

        ValidationAssert.OnlyError(_validator.Validate(input), "CustomerId", "Choose the customer who paid.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-100")]
    public void Amount_of_zero_or_less_is_refused(string amount)
    {
        var input = ValidInput();
        input.Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        ValidationAssert.OnlyError(_validator.Validate(input), "Amount", "The amount received must be more than zero.");
    }

    [Fact]
    public void One_cent_is_accepted()
    {
        var input = ValidInput();
        input.Amount = 0.01m;

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("usd")]
    [InlineData("US$")]
    public void Unknown_currency_is_refused(string currency)
    {
        var input = ValidInput();
        input.Currency = currency;

        ValidationAssert.OnlyError(_validator.Validate(input), "Currency", "three-letter ISO 4217 code such as EUR or USD");
    }

    [Fact]
    public void Missing_date_received_is_refused()
    {
        var input = ValidInput();
        input.ReceivedOn = default;

        ValidationAssert.OnlyError(_validator.Validate(input), "ReceivedOn", "Enter the date the money arrived.");
    }

    [Fact]
    public void Money_received_today_is_accepted()
    {
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2025, 3, 15);

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Money_received_long_ago_is_accepted()
    {
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2019, 12, 31);

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Date_one_day_past_the_utc_date_is_accepted_for_clerks_ahead_of_utc()
    {
        // At 10:00 UTC on the 15th it is already the 16th in Auckland (UTC+13).
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2025, 3, 16);

        ValidationAssert.Valid(_validator.Validate(input));
    }

    [Fact]
    public void Date_two_days_past_the_utc_date_is_refused_as_future()
    {
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2025, 3, 17);

        ValidationAssert.OnlyError(_validator.Validate(input), "ReceivedOn", "The date received cannot be in the future.");
    }

    [Fact]
    public void Future_limit_follows_the_clock()
    {
        // One minute before midnight UTC on the 15th the 16th is allowed; one minute after, the 17th is.
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2025, 3, 17);

        var beforeMidnight = new RecordPaymentInputValidator(new FixedTimeProvider(new DateTimeOffset(2025, 3, 15, 23, 59, 0, TimeSpan.Zero)));
        var afterMidnight = new RecordPaymentInputValidator(new FixedTimeProvider(new DateTimeOffset(2025, 3, 16, 0, 1, 0, TimeSpan.Zero)));

        Assert.False(beforeMidnight.Validate(input).IsValid);
        ValidationAssert.Valid(afterMidnight.Validate(input));
    }

    [Fact]
    public void Clock_offset_does_not_matter_only_the_utc_instant()
    {
        // 16 March 01:00 at UTC+5 is 15 March 20:00 UTC, so the limit is still the 16th.
        var input = ValidInput();
        input.ReceivedOn = new DateOnly(2025, 3, 17);
        var validator = new RecordPaymentInputValidator(
            new FixedTimeProvider(new DateTimeOffset(2025, 3, 16, 1, 0, 0, TimeSpan.FromHours(5))));

        ValidationAssert.OnlyError(validator.Validate(input), "ReceivedOn", "cannot be in the future");
    }

    [Fact]
    public void Reference_of_a_hundred_characters_is_accepted_and_a_hundred_one_refused()
    {
        var input = ValidInput();
        input.Reference = new string('r', 100);
        ValidationAssert.Valid(_validator.Validate(input));

        input.Reference = new string('r', 101);
        ValidationAssert.OnlyError(_validator.Validate(input), "Reference", "100 characters or fewer");
    }

    [Fact]
    public void Reference_is_optional()
    {
        var input = ValidInput();
        input.Reference = null;

        ValidationAssert.Valid(_validator.Validate(input));
    }
}
