using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Replies;

public class ReplyTextTests
{
    [Theory]
    [InlineData("We will pay on Friday.\n\nOn Mon, 30 Nov 2026 at 09:12, Demo Trading <ar@demo.example> wrote:\n> Invoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n\nAm 30.11.2026 um 09:12 schrieb Demo Trading <ar@demo.example>:\n> Rechnung INV-1 ist überfällig.")]
    [InlineData("We will pay on Friday.\n\nLe 30/11/2026 à 09:12, Demo Trading <ar@demo.example> a écrit :\n> La facture INV-1 est échue.")]
    [InlineData("We will pay on Friday.\n\nEl 30/11/2026 a las 09:12, Demo Trading <ar@demo.example> escribió:\n> La factura INV-1 está vencida.")]
    [InlineData("We will pay on Friday.\n-----Original Message-----\nFrom: Demo Trading\nSent: 30.11.2026\nInvoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n> Invoice INV-1 is overdue.\n> Please pay.")]
    [InlineData("We will pay on Friday.\n--\nAnna Schmidt\nAccounts payable, Acme GmbH")]
    [InlineData("We will pay on Friday.\n\n________________________________\n*From:* Demo Trading <ar@demo.example>\n*Sent:* Monday, 30 November 2026 09:12\nInvoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n\n**Von:** Demo Trading <ar@demo.example>\n**Gesendet:** Montag, 30. November 2026\nRechnung INV-1 ist überfällig.")]
    [InlineData("We will pay on Friday.\n\nAnna Schmidt/Acme wrote on 30.11.2026 09:12:\nInvoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n-----\"Demo AR\" <ar@demo.example> wrote: -----\nTo: ap@acme.example\nInvoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n\nSent from my iPhone\n\nOn 30 Nov 2026, Demo Trading wrote: Invoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\nVon meinem iPhone gesendet")]
    [InlineData("We will pay on Friday.\n\nAm Montag, 30. November 2026, 09:12:11 MEZ hat Demo Trading <ar@demo.example> Folgendes geschrieben:\n> Rechnung INV-1 ist überfällig.")]
    [InlineData("We will pay on Friday.\n\n##- Please type your reply above this line -##\n\nYour request (48213) has been updated.\nInvoice INV-1 is overdue.")]
    [InlineData("We will pay on Friday.\n\n##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##\nRechnung INV-1 ist überfällig.")]
    [InlineData("We will pay on Friday.\n\nOutlook für iOS beziehen\nRechnung INV-1 ist überfällig.")]
    [InlineData("We will pay on Friday.\n\nObtenir Outlook pour Android\nLa facture INV-1 est échue.")]
    public void Quoted_history_and_signatures_are_cut_in_all_four_languages(string mail)
    {
        Assert.Equal("We will pay on Friday.", ReplyText.Strip(mail));
    }

    [Fact]
    public void The_customers_own_words_that_look_like_a_header_are_kept()
    {
        const string mail = "As I wrote on Monday to your colleague:\nwe paid INV-1 on 12 November.\nSent from my bank yesterday: the remittance.";

        Assert.Equal(mail, ReplyText.Strip(mail));
    }

    [Theory]
    [InlineData("Zahlung erfolgt am 15.12.\n\nMit freundlichen Grüßen\nAnna Schmidt\nTel. 030 123", "Zahlung erfolgt am 15.12.")]
    [InlineData("Bonjour,\n\nNous réglerons lundi.\n\nCordialement,\nPierre", "Bonjour,\n\nNous réglerons lundi.")]
    [InlineData("Hola,\nPagaremos el viernes.\nSaludos,\nLucía", "Hola,\nPagaremos el viernes.")]
    public void A_closing_formula_on_its_own_line_ends_the_message(string mail, string expected)
    {
        Assert.Equal(expected, ReplyText.Strip(mail));
    }

    [Fact]
    public void A_huge_reply_is_cut_to_its_first_part()
    {
        var mail = "Invoice 4711 is wrong. " + new string('x', 5_000_000);
        var stripped = ReplyText.Strip(mail);
        Assert.Equal(ReplyText.MaxClassifiedLength, stripped.Length);
        Assert.StartsWith("Invoice 4711 is wrong.", stripped, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_reply_strips_to_nothing()
    {
        Assert.Equal("", ReplyText.Strip(null));
        Assert.Equal("", ReplyText.Strip("> only quoted\n> text"));
    }

    [Fact]
    public void A_reply_ends_at_the_first_line_it_repeats_from_the_message_it_answers()
    {
        const string reminder = "Dear customer,\nThe invoices listed below are now past due:\nINV-2026-0412   15/11/2026   1,240.00\nDemo Trading - Credit Control";
        const string reply = "We paid INV-2026-0412 on Monday.\n\n[logo] Demo Trading <https://demo.example>\n\nDear customer,\nThe  invoices listed below are now PAST DUE:\nINV-2026-0412   15/11/2026   1,240.00";

        Assert.Equal("We paid INV-2026-0412 on Monday.\n\n[logo] Demo Trading <https://demo.example>", ReplyText.Strip(reply, reminder));
        Assert.Contains("1,240.00", ReplyText.Strip(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Short_lines_and_a_repeated_first_line_of_the_answered_message_do_not_end_the_reply()
    {
        const string reminder = "Dear customer,\nInvoice INV-1 is overdue, please pay by Friday.\nThanks";

        // "Dear customer," and "Thanks" are too short to say the reply quotes the reminder; a repeated line before the
        // customer has said anything is the customer quoting what they answer.
        Assert.Equal("Dear customer,\nwe pay on Friday.", ReplyText.Strip("Dear customer,\nwe pay on Friday.", reminder));
        Assert.Equal("Invoice INV-1 is overdue, please pay by Friday.\nWe dispute it: the price is wrong.",
            ReplyText.Strip("Invoice INV-1 is overdue, please pay by Friday.\nWe dispute it: the price is wrong.", reminder));
    }
}
