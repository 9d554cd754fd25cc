using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Replies;

public class ReplyExtractorTests
{
    // Wednesday 2 December 2026.
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("We'll pay on Friday.", "2026-12-04")]
    [InlineData("Zahlung erfolgt am 15.12.", "2026-12-15")]
    [InlineData("Nous réglerons la facture le 18 décembre.", "2026-12-18")]
    [InlineData("Pagaremos el 10 de enero.", "2027-01-10")]
    [InlineData("Payment goes out tomorrow.", "2026-12-03")]
    [InlineData("Wir zahlen bis Ende des Monats.", "2026-12-31")]
    [InlineData("Le virement partira la semaine prochaine.", "2026-12-11")]
    [InlineData("We will pay on 2026-12-21.", "2026-12-21")]
    [InlineData("Paiement prévu le 21/12/2026.", "2026-12-21")]
    [InlineData("We will pay on December 9th.", "2026-12-09")]
    [InlineData("El pago saldrá el viernes.", "2026-12-04")]
    public void The_promised_date_is_resolved_against_the_message_date(string text, string expected)
    {
        var facts = ReplyExtractor.Extract(text, Today);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), facts.FirstDateFrom(Today));
    }

    [Theory]
    [InlineData("We transferred 1,234.50 EUR today.", 1234.50, "EUR")]
    [InlineData("Wir haben 4.500,00 € überwiesen.", 4500.00, "EUR")]
    [InlineData("Le virement de EUR 2.345,10 est parti.", 2345.10, "EUR")]
    [InlineData("Pagamos $1,200 ayer.", 1200, "USD")]
    [InlineData("Nous avons payé 980 euros.", 980, "EUR")]
    [InlineData("Paid £75.5 by card.", 75.5, "GBP")]
    public void Amounts_are_read_in_either_number_format_with_their_currency(string text, decimal amount, string currency)
    {
        var facts = ReplyExtractor.Extract(text, Today);
        Assert.Equal(new ExtractedAmount(amount, currency), Assert.Single(facts.Amounts));
    }

    [Theory]
    [InlineData("Invoice INV-2026-00123 was paid.", "INV-2026-00123")]
    [InlineData("Die Rechnung 2026/0457 ist falsch.", "2026/0457")]
    [InlineData("La facture F-88231 est un doublon.", "F-88231")]
    [InlineData("La factura nº 77812 está pagada.", "77812")]
    public void Invoice_numbers_are_found_after_the_word_or_by_their_shape(string text, string number)
    {
        Assert.Contains(number, ReplyExtractor.Extract(text, Today).InvoiceNumbers);
    }

    [Fact]
    public void A_known_invoice_number_is_found_whatever_its_format()
    {
        var facts = ReplyExtractor.Extract("Paid 10049 and 10050 last week.", Today, ["10049", "10051"]);
        Assert.Equal("10049", facts.InvoiceNumbers[0]);
        Assert.DoesNotContain("10051", facts.InvoiceNumbers);
    }

    [Theory]
    [InlineData("We paid on Monday, reference TRX-556677.", "TRX-556677")]
    [InlineData("Überweisung erfolgt, Verwendungszweck RE-2026-77.", "RE-2026-77")]
    [InlineData("Déjà payé, voir l'opération E2E-99812.", "E2E-99812")]
    [InlineData("Pagado, comprobante PAY/2026/8812.", "PAY/2026/8812")]
    [InlineData("Creditor reference RF18539007547034 on the transfer.", "RF18539007547034")]
    public void Payment_references_are_found_in_all_four_languages(string text, string reference)
    {
        Assert.Contains(reference, ReplyExtractor.Extract(text, Today).PaymentReferences);
    }

    [Fact]
    public void A_reply_stating_nothing_yields_no_facts()
    {
        var facts = ReplyExtractor.Extract("Thanks for the reminder.", Today);
        Assert.Empty(facts.Dates);
        Assert.Empty(facts.Amounts);
        Assert.Empty(facts.InvoiceNumbers);
        Assert.Empty(facts.PaymentReferences);
    }
}
