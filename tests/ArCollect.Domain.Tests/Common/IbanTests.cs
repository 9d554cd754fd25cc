using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public sealed class IbanTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("de89370400440532013000", true)]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", true)]
    [InlineData("DE88 3704 0044 0532 0130 00", false)]
    [InlineData("DE89 3704 0044 0532 0130 01", false)]
    [InlineData("89DE 3704 0044 0532 0130 00", false)]
    [InlineData("DE89 3704", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Checksum_and_shape_decide_validity(string? iban, bool valid) => Assert.Equal(valid, Iban.IsValid(iban));

    [Fact]
    public void Check_digits_are_98_minus_the_remainder()
    {
        // 370400440532013000 + "DE00" -> ...131400 mod 97 = 9, so a valid German IBAN for this account has 89.
        Assert.True(Iban.IsValid("DE89370400440532013000"));
        Assert.Equal(1, Mod97.Remainder("370400440532013000DE89"));
    }

    [Fact]
    public void Format_and_normalize() =>
        Assert.Equal(("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
            (Iban.Format("de89370400440532013000"), Iban.Normalize("DE89 3704 0044 0532 0130 00")));
}
