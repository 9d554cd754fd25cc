using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class ReferenceKeysTests
{
    [Theory]
    [InlineData("INV-2026-00123", "2026123")]
    [InlineData("2026/123", "2026123")]
    [InlineData("inv 2O26 OO123", "2026123")]
    [InlineData("RE-4711", "4711")]
    public void Keys_ignore_prefixes_separators_leading_zeros_and_O_for_zero(string text, string key) =>
        Assert.Equal(key, ReferenceKeys.KeyOf(text));

    [Fact]
    public void Numbers_split_by_spaces_are_found_as_one()
    {
        var found = ReferenceKeys.Find("Payment for invoice 2026 00123, thanks");

        Assert.Contains(found, f => f.Key == "2026123");
    }

    [Fact]
    public void Words_with_an_O_or_I_are_not_read_as_numbers()
    {
        Assert.Equal("", ReferenceKeys.KeyOf("OIL INVOICE"));
    }

    [Fact]
    public void Creditor_references_are_found_with_their_check_digits_checked()
    {
        var found = ReferenceKeys.FindCreditorReferences("pay RF18 5390 0754 7034 and RF19 5390 0754 7034");

        Assert.Contains(("RF18539007547034", true), found);
        Assert.Contains(("RF19539007547034", false), found);
    }
}
