using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Common;

public sealed class InputRulesTests
{
    private static InvoiceInput Invoice(decimal quantity, decimal price) => new()
    {
        CustomerId = Guid.NewGuid(),
        Number = "INV-1",
        IssueDate = new DateOnly(2026, 3, 1),
        DueDate = new DateOnly(2026, 3, 31),
        Currency = "EUR",
        Lines = [new InvoiceLineInput { Description = "Work", Quantity = quantity, UnitPrice = price }],
    };

    [Fact]
    public void Quantity_times_price_beyond_what_can_be_stored_is_refused_on_the_unit_price()
    {
        ValidationAssert.OnlyError(new InvoiceInputValidator().Validate(Invoice(1_000_000_000m, 1_000_000m)),
            "Lines[0].UnitPrice", "Quantity x unit price must be at most 999,999,999,999.99.");
    }

    [Fact]
    public void Huge_quantity_and_price_are_refused_without_overflowing_the_check()
    {
        var result = new InvoiceInputValidator().Validate(Invoice(1e20m, 1e20m));

        Assert.Equal(["Lines[0].Quantity", "Lines[0].UnitPrice"], result.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Multi_line_notes_keep_their_line_breaks_but_not_a_NUL()
    {
        var invoice = Invoice(2m, 10m);
        invoice.Notes = "First line\r\nSecond line";
        Assert.True(new InvoiceInputValidator().Validate(invoice).IsValid);

        invoice.Notes = "Bad\0";
        ValidationAssert.OnlyError(new InvoiceInputValidator().Validate(invoice), "Notes", "Notes cannot contain control characters.");
    }

    [Theory]
    [InlineData("ap@acme.example", true)]
    [InlineData("ap@acme.example, boss@acme.example", false)]
    [InlineData("AP <ap@acme.example>", false)]
    [InlineData("ap@acme.example\r\nBcc: x@y.example", false)]
    [InlineData("ap@@acme.example", false)]
    public void A_contact_email_is_one_plain_address(string email, bool valid)
    {
        var input = new CustomerInput { Name = "Acme", Currency = "EUR", ContactName = "AP", ContactEmail = email };

        Assert.Equal(valid, new CustomerInputValidator().Validate(input).IsValid);
    }
}
