using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class PayerNamesTests
{
    [Theory]
    [InlineData("Müller Maschinenbau GmbH", "muller maschinenbau")]
    [InlineData("Société Dupont & Fils S.A.R.L.", "societe dupont fils")]
    [InlineData("ACME TRADING LTD.", "acme trading")]
    public void Names_lose_accents_case_punctuation_and_legal_forms(string name, string normalized) =>
        Assert.Equal(normalized, PayerNames.Normalize(name));

    [Fact]
    public void Word_order_does_not_matter() =>
        Assert.Equal(100, PayerNames.Similarity(PayerNames.Normalize("Dupont Fils Societe"), PayerNames.Normalize("Société Dupont & Fils SARL")));
}
