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

    [Theory]
    [InlineData("PAYOUT 20261130", true)]
    [InlineData("Abrechnung 30.11.2026", true)]
    [InlineData("vom 2026-11-30", true)]
    [InlineData("2026/1130", false)]
    [InlineData("INV20261130", false)]
    [InlineData("PAYOUT 20241130", false)]
    public void A_date_near_the_booking_day_is_told_apart_from_an_invoice_number(string text, bool date)
    {
        var longest = ReferenceKeys.Find(text).MaxBy(f => f.Raw.Length)!;

        Assert.Equal(date, ReferenceKeys.ReadsAsDate(longest, new DateOnly(2026, 12, 1)));
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
