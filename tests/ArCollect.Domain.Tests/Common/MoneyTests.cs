using System.Globalization;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public class MoneyTests
{
    [Fact]
    public void Amounts_in_the_same_currency_add()
    {
        var sum = new Money(10.25m, "EUR") + new Money(2.50m, "EUR");

        Assert.Equal(new Money(12.75m, "EUR"), sum);
        Assert.Equal(sum, new Money(10.25m, "EUR").Add(new Money(2.50m, "EUR")));
    }

    [Fact]
    public void Amounts_in_the_same_currency_subtract_and_may_go_negative()
    {
        var difference = new Money(10.00m, "EUR") - new Money(12.50m, "EUR");

        Assert.Equal(new Money(-2.50m, "EUR"), difference);
        Assert.Equal(difference, new Money(10.00m, "EUR").Subtract(new Money(12.50m, "EUR")));
    }

    [Fact]
    public void Zero_is_the_identity_for_its_currency()
    {
        var zero = Money.Zero("CHF");

        Assert.Equal(0m, zero.Amount);
        Assert.Equal("CHF", zero.Currency);
        Assert.Equal(new Money(7.05m, "CHF"), zero + new Money(7.05m, "CHF"));
    }

    [Fact]
    public void Adding_different_currencies_throws_naming_both()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Money(1m, "EUR") + new Money(1m, "USD"));

        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subtracting_different_currencies_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(5m, "GBP") - new Money(1m, "EUR"));
        Assert.Throws<InvalidOperationException>(() => new Money(5m, "GBP").Subtract(Money.Zero("EUR")));
    }

    [Fact]
    public void Currency_codes_are_compared_exactly()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(1m, "EUR").Add(new Money(1m, "eur")));
    }

    [Fact]
    public void Equal_amounts_with_different_scale_are_equal()
    {
        Assert.Equal(new Money(1.5m, "EUR"), new Money(1.50m, "EUR"));
        Assert.NotEqual(new Money(1.5m, "EUR"), new Money(1.5m, "USD"));
    }

    [Fact]
    public void Shows_the_code_and_two_decimals()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal("EUR 1,234.50", new Money(1234.5m, "EUR").ToString());
            Assert.Equal("JPY -3.00", new Money(-3m, "JPY").ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
