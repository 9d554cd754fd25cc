using ArCollect.Domain.Disputes;
using ArCollect.Domain.Drafting;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;

namespace ArCollect.Domain.Tests.Drafting;

public sealed class FollowUpComposerTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    /// <summary>
    /// A German customer on 2 Dec 2026: RE-1001 (1200, due 15 Oct, 48 days late), RE-0990 (250, due 1 Nov, disputed:
    /// pricing, in review), RE-1002 (800, due 20 Dec). Replied on 20 Nov promising to pay 1200 by 27 Nov, which did not
    /// come (broken). Reminded on 10 Nov, paid 300 on 15 Nov. Paid 1 of 4 invoices on time, the late ones 20 days late.
    /// Open 2250 in 3 invoices, 1450 overdue.
    /// </summary>
    private static readonly FollowUpFacts German = new()
    {
        CompanyName = "Muster GmbH",
        CustomerName = "Keller AG",
        ContactName = "Anna Keller",
        Language = "de",
        Today = Today,
        Open =
        [
            new("RE-1001", new(2026, 10, 15), "EUR", 1200m, 0m),
            new("RE-0990", new(2026, 11, 1), "EUR", 250m, 250m),
            new("RE-1002", new(2026, 12, 20), "EUR", 800m, 0m),
        ],
        LastReply = new(new(2026, 11, 20), ReplyLabels.Promise, ReplyLabels.Neutral, "Wir zahlen bis zum 27.11."),
        Promises = [new(new(2026, 11, 20), new(2026, 11, 27), "EUR", 1200m, PromiseStatus.Broken, "RE-1001")],
        Disputes = [new("RE-0990", DisputeReason.PricingError, DisputeStatus.InReview, "EUR", 250m, new(2026, 11, 5))],
        LastReminderOn = new(2026, 11, 10),
        PaymentsSinceReminder = [new(new(2026, 11, 15), "EUR", 300m)],
        History = new PaymentHistory(4, 1, 20m),
    };

    [Fact]
    public void A_German_customer_gets_a_German_draft_that_refers_to_the_conversation_so_far()
    {
        var draft = FollowUpComposer.Compose(German);

        Assert.Equal("de", draft.Language);
        Assert.Equal("Nachfrage zu Ihrem Kundenkonto", draft.Subject);
        Assert.Equal(
            """
            Guten Tag Anna Keller,

            vielen Dank für Ihre Antwort vom 20.11.2026. Sie hatten uns die Zahlung zugesagt.

            Seit unserer Erinnerung vom 10.11.2026 ist bei uns 300,00 EUR eingegangen. Vielen Dank.

            Für den 27.11.2026 wurde uns eine Zahlung von 1.200,00 EUR zugesagt; sie ist bei uns noch nicht eingegangen.

            Die Rechnung RE-0990 (250,00 EUR) wird nach Ihrer Beanstandung geprüft; den beanstandeten Betrag fordern wir bis zur Klärung nicht ein.

            Noch offen sind 2.250,00 EUR aus 3 Rechnung(en), davon 1.450,00 EUR überfällig:
            - Rechnung RE-1001, fällig am 15.10.2026: 1.200,00 EUR
            - Rechnung RE-0990, fällig am 01.11.2026: 250,00 EUR

            Bitte begleichen Sie den überfälligen Betrag innerhalb von 7 Tagen. Sollte etwas dagegen sprechen, antworten Sie auf diese E-Mail, damit wir gemeinsam eine Lösung finden.

            Mit freundlichen Grüßen
            Muster GmbH
            """.ReplaceLineEndings("\n"),
            draft.Body);
    }

    [Fact]
    public void The_draft_names_each_fact_it_used()
    {
        var facts = FollowUpComposer.Compose(German).Facts.Select(f => $"{f.Kind}: {f.Text}").ToList();

        Assert.Contains("Last reply: 2026-11-20 (intent Promise to pay, tone neutral): \"Wir zahlen bis zum 27.11.\"", facts);
        Assert.Contains("Payment since the last reminder: EUR 300.00 received 2026-11-15 (last reminder 2026-11-10)", facts);
        Assert.Contains("Promise broken: EUR 1200.00 by 2026-11-27 on invoice RE-1001, made 2026-11-20", facts);
        Assert.Contains("Open dispute: invoice RE-0990, pricing, in review, EUR 250.00, opened 2026-11-05", facts);
        Assert.Contains("Overdue invoice: RE-1001, due 2026-10-15 (48 days), EUR 1200.00", facts);
        Assert.Contains("Overdue invoice: RE-0990, due 2026-11-01 (31 days), EUR 250.00, of which 250.00 disputed", facts);
        Assert.Contains("Open: EUR 2250.00 in 3 invoice(s), EUR 1450.00 overdue", facts);
        Assert.Contains("Language: German (Deutsch)", facts);
        Assert.Single(facts, f => f.StartsWith("Tone: firm: a promise was broken", StringComparison.Ordinal));
    }

    [Fact]
    public void An_angry_last_reply_keeps_the_tone_neutral_and_the_draft_apologises()
    {
        // 45 days overdue would be firm; the angry reply of 28 Nov caps it at neutral.
        var facts = new FollowUpFacts
        {
            CompanyName = "Acme Ltd",
            CustomerName = "Brown & Co",
            ContactName = null,
            Language = "en",
            Today = Today,
            Open = [new("INV-7", new(2026, 10, 18), "GBP", 2500m, 0m)],
            LastReply = new(new(2026, 11, 28), ReplyLabels.InfoRequest, ReplyLabels.Angry, "Third reminder and still no copy of the invoice!"),
        };

        var draft = FollowUpComposer.Compose(facts);

        Assert.Equal(ReminderTone.Neutral, draft.Tone);
        Assert.Contains("the last reply (2026-11-28) was angry", draft.ToneReason, StringComparison.Ordinal);
        Assert.StartsWith("Dear Sir or Madam,\n\nThank you for your reply of 28 Nov 2026. You asked us for more information. We are sorry for the trouble this has caused.", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Still open: GBP 2,500.00 in 1 invoice(s), of which GBP 2,500.00 is overdue:\n- Invoice INV-7, due 18 Oct 2026: GBP 2,500.00", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Please arrange payment of the overdue amount, or let us know when it will be made.", draft.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reliable_payer_with_nothing_overdue_gets_a_friendly_French_note()
    {
        // Nothing overdue gives friendly; 10 of 10 paid on time cannot go gentler than friendly.
        var facts = new FollowUpFacts
        {
            CompanyName = "Dupont SA",
            CustomerName = "Martin SARL",
            ContactName = "Claire Martin",
            Language = "fr",
            Today = Today,
            Open = [new("F-12", new(2026, 12, 15), "EUR", 500m, 0m)],
            Promises = [new(new(2026, 11, 2), new(2026, 11, 10), "EUR", 400m, PromiseStatus.Kept, null)],
            History = new PaymentHistory(10, 10, 0m),
        };

        var draft = FollowUpComposer.Compose(facts);

        Assert.Equal(ReminderTone.Friendly, draft.Tone);
        Assert.Equal(
            "Bonjour Claire Martin,\n\nMerci d'avoir réglé 400,00 EUR avant le 10/11/2026 comme convenu.\n\n"
            + "Rien n'est en retard pour le moment ; 500,00 EUR est ouvert et non encore échu.\n\n"
            + "Pourriez-vous nous indiquer quand nous pouvons attendre le paiement ?\n\nCordialement,\nDupont SA",
            draft.Body);
        Assert.Contains(draft.Facts, f => f.Kind == "Promise kept" && f.Text == "EUR 400.00 by 2026-11-10 on the account, made 2026-11-02");
        Assert.DoesNotContain(draft.Facts, f => f.Kind == "Last reply");
    }

    [Theory]
    [InlineData("es", "de", "es")]
    [InlineData("nl", "fr", "fr")]
    [InlineData(null, "it", "en")]
    public void The_customers_language_is_used_when_a_draft_can_be_written_in_it(string? customer, string company, string expected) =>
        Assert.Equal(expected, FollowUpWordings.Resolve(customer, company));

    [Fact]
    public void The_model_is_sent_the_facts_the_template_used_and_its_answer_is_split_into_subject_and_body()
    {
        var template = FollowUpComposer.Compose(German);
        var prompt = FollowUpPrompt.For(German, template);

        Assert.Contains("Write in German, in a firm tone.", prompt.Instructions, StringComparison.Ordinal);
        Assert.StartsWith("Customer: Keller AG\nContact: Anna Keller\nToday: 2026-12-02\n", prompt.Facts, StringComparison.Ordinal);
        Assert.Contains("Promise broken: EUR 1200.00 by 2026-11-27 on invoice RE-1001, made 2026-11-20", prompt.Facts, StringComparison.Ordinal);
        Assert.Equal(("Ihre offene Rechnung", "Guten Tag,\n\nText."), FollowUpPrompt.Parse("Subject: Ihre offene Rechnung\r\n\r\nGuten Tag,\n\nText.\n", "x"));
        Assert.Equal(("fallback", "Just a body."), FollowUpPrompt.Parse("Just a body.", "fallback"));
    }
}
