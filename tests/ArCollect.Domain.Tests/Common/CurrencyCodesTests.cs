using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public class CurrencyCodesTests
{
    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CHF")]
    [InlineData("JPY")]
    [InlineData("AED")]
    [InlineData("ZAR")]
    public void Current_codes_are_known(string code)
    {
        Assert.True(CurrencyCodes.IsKnown(code));
    }

    [Theory]
    [InlineData("XCG")] // Caribbean guilder, Curaçao and Sint Maarten, since 31 March 2025 (replaced ANG).
    [InlineData("ZWG")] // Zimbabwe Gold, since 25 June 2024 (replaced ZWL).
    public void Recently_introduced_codes_are_known(string code)
    {
        Assert.True(CurrencyCodes.IsKnown(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("Eur")]
    [InlineData(" EUR")]
    [InlineData("EUR ")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("€")]
    [InlineData("XXX")] // "no currency"
    [InlineData("XAU")] // gold, not money to invoice in
    public void Anything_but_an_upper_case_currency_code_is_unknown(string? code)
    {
        Assert.False(CurrencyCodes.IsKnown(code));
    }

    [Theory]
    [InlineData("DEM")] // Deutsche Mark, replaced by EUR in 2002
    [InlineData("HRK")] // Croatian kuna, replaced by EUR in 2023
    [InlineData("SLL")] // old Sierra Leone leone, replaced by SLE
    public void Withdrawn_codes_are_unknown(string code)
    {
        Assert.False(CurrencyCodes.IsKnown(code));
    }
}
