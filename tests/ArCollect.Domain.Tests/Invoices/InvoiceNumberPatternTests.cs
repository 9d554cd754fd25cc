using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public sealed class InvoiceNumberPatternTests
{
    [Theory]
    [InlineData("INV-{yyyy}-{seq:00000}", 7, "INV-2026-00007")]
    [InlineData("{yy}{MM}/{seq:000}", 42, "2603/042")]
    [InlineData("R{seq}", 1234, "R1234")]
    public void Numbers_render_the_date_and_the_padded_sequence(string pattern, long sequence, string expected) =>
        Assert.Equal(expected, InvoiceNumberPattern.Render(pattern, new DateOnly(2026, 3, 9), sequence));

    [Fact]
    public void The_scope_changes_with_the_year_so_yearly_patterns_start_again()
    {
        Assert.Equal("INV-2026-{seq}", InvoiceNumberPattern.Scope(InvoiceNumberPattern.Default, new DateOnly(2026, 12, 31)));
        Assert.Equal("INV-2027-{seq}", InvoiceNumberPattern.Scope(InvoiceNumberPattern.Default, new DateOnly(2027, 1, 1)));
    }

    [Theory]
    [InlineData("INV-{yyyy}", "exactly one {seq}")]
    [InlineData("{seq}-{seq}", "exactly one {seq}")]
    [InlineData("INV {seq}", "letters, digits")]
    [InlineData("", "Enter a numbering pattern")]
    public void Bad_patterns_say_how_to_fix_them(string pattern, string message) =>
        Assert.Contains(message, InvoiceNumberPattern.Problem(pattern), StringComparison.Ordinal);

    [Fact]
    public void The_default_pattern_is_valid() => Assert.Null(InvoiceNumberPattern.Problem(InvoiceNumberPattern.Default));

    [Theory]
    [InlineData("INV-2026-000243", 243L)]
    [InlineData("INV-2026-00244", 244L)]
    [InlineData("INV-2026-7", 7L)]
    [InlineData("INV-2025-00009", null)]
    [InlineData("INV-2026-", null)]
    [InlineData("INV-2026-12a", null)]
    [InlineData("LEGACY-99", null)]
    public void A_number_of_the_scope_is_read_as_its_sequence_whatever_its_zero_padding(string number, long? sequence) =>
        Assert.Equal(sequence, InvoiceNumberPattern.Sequence(InvoiceNumberPattern.Default, new DateOnly(2026, 6, 1), number));

    [Fact]
    public void The_database_expressions_escape_the_pattern_text_and_capture_the_sequence()
    {
        Assert.Equal(@"^AC\/26\.([0-9]{1,18})\-X$", InvoiceNumberPattern.ScopeRegex("AC/{yy}.{seq:000}-X", new DateOnly(2026, 3, 1)));
        Assert.Equal(@"^(CN\-[0-9]{4}\-)([0-9]{1,18})()$", InvoiceNumberPattern.ShapeRegex(InvoiceNumberPattern.DefaultCreditNote));
    }
}
