using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public class MoneyRoundingTests
{
    [Theory]
    [InlineData("EUR", "100.005", "100.01")]
    [InlineData("EUR", "99.996", "100.00")]
    [InlineData("JPY", "1000.5", "1001")]
    [InlineData("JPY", "1234.49", "1234")]
    [InlineData("KWD", "12.3455", "12.346")]
    [InlineData("USD", "-0.125", "-0.13")]
    public void Amounts_round_half_away_from_zero_to_the_currency_minor_units(string currency, string amount, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Money.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
    }

    [Fact]
    public void Yen_have_no_minor_units_and_dinars_three()
    {
        Assert.Equal((0, 2, 3), (CurrencyCodes.MinorUnits("JPY"), CurrencyCodes.MinorUnits("EUR"), CurrencyCodes.MinorUnits("KWD")));
    }
}
