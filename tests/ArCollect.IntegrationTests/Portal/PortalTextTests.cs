using ArCollect.Infrastructure.Portal;

namespace ArCollect.IntegrationTests.Portal;

public sealed class PortalTextTests
{
    [Fact]
    public void Every_portal_language_has_every_english_key()
    {
        var keys = PortalText.All["en"].Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["de", "en", "es", "fr"], PortalText.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(PortalText.All, language => Assert.Equal(keys, language.Value.Keys.ToHashSet(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_customer_language_without_portal_words_falls_back_to_the_tenant_default_then_english()
    {
        Assert.Equal("de", PortalText.For("it", "de").Language.Code);
        Assert.Equal("en", PortalText.For("nl", null).Language.Code);
        Assert.Equal("EUR 1.234,50", PortalText.For("de").Money(1234.5m, "EUR"));
    }
}

public sealed class PortalTokensTests
{
    [Fact]
    public void A_token_names_its_tenant_and_carries_256_random_bits()
    {
        var tenant = Guid.NewGuid();
        var token = PortalTokens.Create(tenant);

        Assert.True(PortalTokens.TryReadTenant(token, out var read));
        Assert.Equal(tenant, read);
        Assert.Equal(32 + 1 + 43, token.Length);
        Assert.NotEqual(token, PortalTokens.Create(tenant));
        Assert.Equal(32, PortalTokens.Hash(token).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("link-expired")]
    [InlineData("00000000000000000000000000000000-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-guid-not-a-guid-not-a-guid-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAA<script>AAAAAAAAAAAAAAA")]
    public void Anything_not_shaped_like_a_token_names_no_tenant(string token) =>
        Assert.False(PortalTokens.TryReadTenant(token, out _));
}
