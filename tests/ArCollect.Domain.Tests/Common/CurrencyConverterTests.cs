using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public sealed class CurrencyConverterTests
{
    private readonly CurrencyConverter converter = new("EUR",
    [
        new RateQuote("USD", 0.90m, new DateOnly(2026, 1, 1)),
        new RateQuote("USD", 0.80m, new DateOnly(2026, 6, 1)),
    ]);

    [Fact]
    public void Uses_the_newest_rate_dated_on_or_before_the_day()
    {
        Assert.Equal(90m, converter.ToBase(100m, "USD", new DateOnly(2026, 5, 31)));
        Assert.Equal(80m, converter.ToBase(100m, "USD", new DateOnly(2026, 6, 1)));
        Assert.Equal(new DateOnly(2026, 6, 1), converter.RateFor("USD", new DateOnly(2026, 7, 1))!.RateDate);
    }

    [Fact]
    public void Base_currency_is_kept_and_a_missing_rate_is_reported_as_null()
    {
        Assert.Equal(12.34m, converter.ToBase(12.34m, "EUR", new DateOnly(2026, 1, 1)));
        Assert.Null(converter.ToBase(100m, "USD", new DateOnly(2025, 12, 31)));
        Assert.Null(converter.ToBase(100m, "GBP", new DateOnly(2026, 6, 1)));
    }
}
