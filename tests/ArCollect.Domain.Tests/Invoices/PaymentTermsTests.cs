using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public sealed class PaymentTermsTests
{
    [Theory]
    [InlineData("Net 30", "2026-01-15", "2026-02-14")]
    [InlineData("net14", "2026-01-15", "2026-01-29")]
    [InlineData("EOM", "2026-02-10", "2026-02-28")]
    [InlineData("EOM+15", "2026-01-31", "2026-02-15")]
    [InlineData("2/10 Net 30", "2026-03-01", "2026-03-31")]
    public void Due_date_follows_the_terms(string text, string issued, string due)
    {
        Assert.True(PaymentTerms.TryParse(text, out var terms));

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), terms.DueDate(DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Discount_terms_give_a_window_and_a_rounded_discount()
    {
        Assert.True(PaymentTerms.TryParse("1.5/10 Net 30", out var terms));

        Assert.Equal(new DateOnly(2026, 3, 11), terms.DiscountDeadline(new DateOnly(2026, 3, 1)));
        Assert.Equal(18.52m, terms.DiscountOn(1234.56m)); // 1.5 % of 1234.56 = 18.5184
        Assert.Equal("1.5/10 Net 30", terms.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("whenever")]
    [InlineData("Net 400")]
    [InlineData("2/40 Net 30")]
    [InlineData("100/10 Net 30")]
    public void Nonsense_terms_are_not_understood(string text) => Assert.False(PaymentTerms.TryParse(text, out _));

    [Fact]
    public void Terms_without_a_discount_have_no_window() =>
        Assert.Null(PaymentTerms.Net(30).DiscountDeadline(new DateOnly(2026, 1, 1)));
}
