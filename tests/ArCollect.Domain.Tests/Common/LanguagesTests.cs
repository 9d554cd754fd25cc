using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.Common;

public class LanguagesTests
{
    [Fact]
    public void A_customers_own_language_comes_first_then_the_tenant_default_then_English()
    {
        Assert.Equal(["de", "fr", "en"], Languages.Candidates("de", "fr"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pt")]
    [InlineData("")]
    public void A_customer_without_a_supported_language_starts_with_the_tenant_default(string? customerLanguage)
    {
        Assert.Equal(["fr", "en"], Languages.Candidates(customerLanguage, "fr"));
    }

    [Fact]
    public void English_is_tried_once_even_when_it_is_the_customers_language()
    {
        Assert.Equal(["en", "de"], Languages.Candidates("en", "de"));
        Assert.Equal(["en"], Languages.Candidates(null, "en"));
    }

    [Fact]
    public void Names_show_the_native_name_where_it_differs()
    {
        Assert.Equal("German (Deutsch)", Languages.Get("de").DisplayName);
        Assert.Equal("English", Languages.Get("en").DisplayName);
        Assert.Equal("English", Languages.Get("xx").Name);
    }
}
