using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class RemittanceTableTests
{
    [Fact]
    public void A_plain_text_table_in_an_email_is_read_with_its_amounts_however_they_are_written()
    {
        const string mail = """
            Hello,

            please find our payment advice below.

            Invoice          Amount
            INV-2026-00401   1.234,50
            INV-2026-00402   EUR 300.00
            Total            1,534.50

            Kind regards
            Accounts payable
            """;

        var table = RemittanceTable.FromText(mail);

        Assert.Empty(table.Errors);
        Assert.Equal([("INV-2026-00401", 1234.50m), ("INV-2026-00402", 300.00m)], table.Lines.Select(l => (l.InvoiceNumber, l.Amount)));
        Assert.Equal("EUR", table.Currency);
    }

    [Fact]
    public void A_pipe_table_with_a_bad_amount_names_the_line_and_the_column()
    {
        const string mail = "Zahlungsavis\n\n| Rechnung | Betrag |\n|---|---|\n| INV-2026-00401 | 700,00 |\n| INV-2026-00402 | dreihundert |\n";

        var table = RemittanceTable.FromText(mail);

        Assert.Equal([("INV-2026-00401", 700m)], table.Lines.Select(l => (l.InvoiceNumber, l.Amount)));
        var error = Assert.Single(table.Errors);
        Assert.Equal((6, "Betrag"), (error.Row, error.Column));
        Assert.Contains("\"dreihundert\" is not an amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_an_invoice_and_amount_header_holds_no_advice()
    {
        Assert.False(RemittanceTable.FromText("We paid INV-2026-00401 yesterday, 700 EUR.").Found);
    }

    [Theory]
    [InlineData("1.234,50", 1234.50)]
    [InlineData("1,234.50", 1234.50)]
    [InlineData("980,5", 980.5)]
    [InlineData("1,234", 1234)]
    [InlineData("EUR 300.00", 300)]
    [InlineData("12.345.678,90", 12345678.90)]
    public void Amounts_are_read_as_people_write_them(string text, double expected)
    {
        Assert.Equal((decimal)expected, RemittanceTable.ParseAmount(text));
    }
}
