using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class UnrelatedCreditsTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly Guid Acme = Guid.NewGuid();
    private static readonly Guid Mueller = Guid.NewGuid();

    private static readonly KnownCustomer[] Customers =
    [
        new(Acme, "Acme Trading Ltd", []),
        new(Mueller, "Müller Maschinenbau GmbH", ["Hans Müller"]),
    ];

    private static OpenInvoiceItem Invoice(Guid customer, string number, decimal open, int dueInDays = 10) =>
        new(Guid.NewGuid(), customer, number, open, "EUR", Day.AddDays(dueInDays));

    private static MatchResult Match(IEnumerable<OpenInvoiceItem> invoices, decimal amount, string? payer, string? text, string? iban = null) =>
        new CashMatcher(invoices, Customers, new Dictionary<string, Guid>()).Match(new Receipt("k1", Day, amount, "EUR", payer, iban, text));

    [Theory]
    [InlineData("Stadtsparkasse", "Zinsgutschrift Quartal", "interest")]
    [InlineData("Finanzamt Mitte", "Steuererstattung 2025", "a refund")]
    [InlineData("Allianz Versicherung", "Beitragsrückerstattung", "a refund")]
    [InlineData("Deutsche Bank", "Rücklastschrift Lastschrift 4711", "a returned direct debit")]
    [InlineData("Trésor Public", "Remboursement TVA", "a refund")]
    [InlineData("First National", "Interest credit November", "interest")]
    public void Bank_words_for_interest_refunds_and_reversals_are_signs(string payer, string text, string meaning)
    {
        var signs = UnrelatedCredits.Signs(payer, text);

        Assert.Contains(signs, s => s.EndsWith("bank's word for " + meaning, StringComparison.Ordinal));
    }

    [Fact]
    public void The_payer_being_a_bank_tax_office_or_insurer_is_a_sign_but_a_trading_name_is_not()
    {
        Assert.Contains(UnrelatedCredits.Signs("Kreissparkasse Köln", null), s => s.Contains("is a bank, tax office or insurer", StringComparison.Ordinal));
        Assert.Contains(UnrelatedCredits.Signs("Commerzbank AG", "Gutschrift"), s => s.Contains("(\"commerzbank\")", StringComparison.Ordinal));
        Assert.Empty(UnrelatedCredits.Signs("Bankett Service GmbH", "Rechnung INV-2026-00123"));
        Assert.Empty(UnrelatedCredits.Signs("Acme Trading Ltd", "Payment invoice 123"));
    }

    [Theory]
    [InlineData("Adyen N.V.", "adyen")]
    [InlineData("PAYONE GmbH", "payone")]
    [InlineData("Worldline Payment Services", "worldline")]
    public void A_card_acquirers_payout_is_a_sign_but_a_customer_whose_name_merely_contains_one_is_not(string payer, string word)
    {
        Assert.Contains(UnrelatedCredits.Signs(payer, "Auszahlung 20261120 448811"), s => s.Contains($"card acquirer or payment service (\"{word}\")", StringComparison.Ordinal));
        Assert.Empty(UnrelatedCredits.Signs("Stripey Textiles Ltd", "Payment invoice 123"));
        Assert.Empty(UnrelatedCredits.Signs("Nexis Catering SRL", "INV-2026-00123"));
    }

    [Fact]
    public void Interest_from_the_bank_whose_amount_an_invoice_asks_is_ranked_as_not_a_customer_payment_first_and_never_applies_itself()
    {
        var invoice = Invoice(Acme, "INV-2026-00123", 315.92m);

        var result = Match([invoice], 315.92m, "Stadtsparkasse", "Zinsgutschrift Quartal");

        Assert.False(result.AutoApply);
        var best = result.Best!;
        Assert.Equal((MatchKind.NotCustomerPayment, Guid.Empty, 0), (best.Kind, best.CustomerId, best.Allocations.Count));
        Assert.False(best.PaysCustomer);
        Assert.Equal(0.90m, best.Confidence);
        Assert.Contains(best.Evidence, e => e.Contains("interest", StringComparison.Ordinal));
        Assert.Contains(best.Evidence, e => e.Contains("no customer's name, account or invoice number", StringComparison.Ordinal));
        Assert.Equal([invoice.InvoiceId], result.Candidates[1].Allocations.Select(a => a.InvoiceId));
    }

    [Fact]
    public void A_customers_payment_naming_its_invoice_gets_no_such_candidate_and_still_applies_itself()
    {
        var invoice = Invoice(Acme, "INV-2026-00123", 1190m);

        var result = Match([invoice], 1190m, "ACME TRADING LTD", "Invoice INV-2026-00123");

        Assert.True(result.AutoApply);
        Assert.DoesNotContain(result.Candidates, c => c.Kind == MatchKind.NotCustomerPayment);
    }

    [Fact]
    public void A_refund_word_from_a_known_customer_naming_an_invoice_ranks_the_invoice_first()
    {
        var invoice = Invoice(Acme, "INV-2026-00123", 250m);

        var result = Match([invoice], 250m, "Acme Trading Ltd", "INV-2026-00123 Erstattung Fracht");

        Assert.Equal([invoice.InvoiceId], result.Best!.Allocations.Select(a => a.InvoiceId));
        var unrelated = Assert.Single(result.Candidates, c => c.Kind == MatchKind.NotCustomerPayment);
        Assert.Equal(0.25m, unrelated.Confidence);
        Assert.Contains("but the line also names a customer or an invoice", unrelated.Evidence);
    }

    [Fact]
    public void With_nothing_but_the_amount_the_invoice_comes_first_and_not_a_customer_payment_is_offered_after_it()
    {
        var invoice = Invoice(Mueller, "INV-2026-00777", 482.10m);

        var result = Match([invoice], 482.10m, "J. Unknown", "Danke");

        Assert.Equal([invoice.InvoiceId], result.Best!.Allocations.Select(a => a.InvoiceId));
        Assert.Equal(MatchKind.NotCustomerPayment, result.Candidates[1].Kind);
        Assert.Equal(0.06m, result.Candidates[1].Confidence);
        Assert.False(result.AutoApply);
    }

    [Fact]
    public void A_round_amount_many_invoices_ask_offers_the_three_falling_due_nearest_the_booking_day()
    {
        var far = Enumerable.Range(0, 5).Select(i => Invoice(Acme, $"INV-2026-0010{i}", 500m, dueInDays: -60 - i)).ToList();
        var near = new[] { Invoice(Mueller, "INV-2026-00201", 500m, dueInDays: 1), Invoice(Acme, "INV-2026-00202", 500m, dueInDays: -2), Invoice(Mueller, "INV-2026-00203", 500m, dueInDays: 3) };

        var result = Match([.. far, .. near], 500m, "Some Holding AG", "Zahlung fuer Tochter");

        var offered = result.Candidates.Where(c => c.PaysCustomer).Select(c => c.Allocations.Single().Number).Order().ToList();
        Assert.Equal(["INV-2026-00201", "INV-2026-00202", "INV-2026-00203"], offered);
        Assert.All(result.Candidates.Where(c => c.PaysCustomer), c => Assert.Contains(c.Evidence, e => e.Contains("8 open invoices ask EUR 500.00", StringComparison.Ordinal)));
    }
}
