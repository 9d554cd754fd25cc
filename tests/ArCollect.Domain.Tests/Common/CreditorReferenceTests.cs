using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public sealed class CreditorReferenceTests
{
    [Fact]
    public void The_iso_11649_example_gets_check_digits_18()
    {
        // 539007547034 + "RF00" = 539007547034271500; that mod 97 = 80; 98 - 80 = 18.
        Assert.Equal("RF18539007547034", CreditorReference.FromInvoiceNumber("539007547034"));
    }

    [Fact]
    public void Letters_count_as_two_digits_in_the_check()
    {
        // "A1" + "RF00" reads 10 1 27 15 0 0 = 101271500; 101271500 mod 97 = 8; 98 - 8 = 90.
        Assert.Equal("RF90A1", CreditorReference.FromInvoiceNumber("a1"));
    }

    [Fact]
    public void An_invoice_number_keeps_its_letters_and_digits_only()
    {
        // INV202600001 + RF00 mod 97 = 22, so the check digits are 76.
        Assert.Equal("RF76INV202600001", CreditorReference.FromInvoiceNumber("INV-2026-00001"));
    }

    [Fact]
    public void A_long_number_keeps_its_last_21_characters()
    {
        var reference = CreditorReference.FromInvoiceNumber("CUSTOMER-ACME-2026-000000123");

        Assert.NotNull(reference);
        Assert.Equal("OMERACME2026000000123", reference[4..]);
        Assert.True(CreditorReference.IsValid(reference));
    }

    [Fact]
    public void A_number_without_letters_or_digits_has_no_reference() =>
        Assert.Null(CreditorReference.FromInvoiceNumber("--/--"));

    [Theory]
    [InlineData("RF18 5390 0754 7034", true)]
    [InlineData("rf18539007547034", true)]
    [InlineData("RF19 5390 0754 7034", false)]
    [InlineData("RF18 5390 0754 7043", false)]
    [InlineData("XX18539007547034", false)]
    [InlineData("RF1", false)]
    [InlineData("RF18-5390", false)]
    public void Validation_checks_form_and_mod_97(string reference, bool valid) =>
        Assert.Equal(valid, CreditorReference.IsValid(reference));

    [Fact]
    public void Format_prints_groups_of_four() =>
        Assert.Equal("RF76 INV2 0260 0001", CreditorReference.Format("RF76INV202600001"));
}
