using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class CashMatcherTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly Guid Mueller = Guid.NewGuid();
    private static readonly Guid Dupont = Guid.NewGuid();
    private static readonly Guid Acme = Guid.NewGuid();

    private static readonly KnownCustomer[] Customers =
    [
        new(Mueller, "Müller Maschinenbau GmbH", ["Hans Müller"]),
        new(Dupont, "Société Dupont & Fils SARL", []),
        new(Acme, "Acme Trading Ltd", []),
    ];

    private static OpenInvoiceItem Invoice(Guid customer, string number, decimal open, string currency = "EUR", int dueInDays = 10, decimal discount = 0m) =>
        new(Guid.NewGuid(), customer, number, open, currency, Day.AddDays(dueInDays), discount, discount > 0m ? Day.AddDays(2) : null);

    private static CashMatcher Matcher(IEnumerable<OpenInvoiceItem> invoices, Dictionary<string, Guid>? learned = null, CurrencyConverter? rates = null) =>
        new(invoices, Customers, learned ?? [], MatchingRules.Default, rates);

    private static Receipt Receipt(decimal amount, string? payer, string? text, string? iban = null, string currency = "EUR") =>
        new("k1", Day, amount, currency, payer, iban, text);

    [Theory]
    [InlineData("INV-2026-00123")]
    [InlineData("Rechnung inv 2026 00123 vielen Dank")]
    [InlineData("2026-123")]
    [InlineData("INV-2O26-OO123")]
    [InlineData("inv2026/00l23")]
    public void Invoice_number_in_the_text_applies_itself_however_it_is_typed(string text)
    {
        var invoice = Invoice(Acme, "INV-2026-00123", 1190m);
        var other = Invoice(Acme, "INV-2026-00124", 1190m);

        var result = Matcher([invoice, other]).Match(Receipt(1190m, "Someone Else", text));

        Assert.True(result.AutoApply);
        Assert.Equal([invoice.InvoiceId], result.Best!.Allocations.Select(a => a.InvoiceId));
        Assert.Contains(result.Best.Evidence, e => e.Contains("INV-2026-00123", StringComparison.Ordinal));
    }

    [Fact]
    public void Transposed_digits_are_recognised_and_with_the_payer_apply_themselves()
    {
        var invoice = Invoice(Acme, "INV-2026-04512", 500m);
        var decoy = Invoice(Mueller, "INV-2026-04999", 500m);

        var result = Matcher([invoice, decoy]).Match(Receipt(500m, "ACME TRADING LIMITED", "INV-2026-05412"));

        Assert.True(result.AutoApply);
        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
        Assert.Contains(result.Best.Evidence, e => e.Contains("swapped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_RF_creditor_reference_names_the_invoice()
    {
        var invoice = Invoice(Dupont, "INV-2026-00777", 250m);
        var reference = CreditorReference.Format(CreditorReference.FromInvoiceNumber(invoice.Number)!);

        var result = Matcher([invoice, Invoice(Dupont, "INV-2026-00778", 250m)]).Match(Receipt(250m, null, "Payment " + reference));

        Assert.True(result.AutoApply);
        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
        Assert.Contains(result.Best.Evidence, e => e.StartsWith("creditor reference RF", StringComparison.Ordinal));
    }

    [Fact]
    public void A_learned_account_and_the_only_invoice_asking_the_amount_apply_without_any_reference()
    {
        var invoice = Invoice(Mueller, "INV-2026-00300", 842.17m);
        var learned = new Dictionary<string, Guid> { ["DE89370400440532013000"] = Mueller };

        var result = Matcher([invoice, Invoice(Mueller, "INV-2026-00301", 100m)], learned)
            .Match(Receipt(842.17m, "HM Holding", "Zahlung", "DE89 3704 0044 0532 0130 00"));

        Assert.True(result.AutoApply);
        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
        Assert.Contains(result.Best.Evidence, e => e.Contains("has paid this customer before", StringComparison.Ordinal));
    }

    [Fact]
    public void Payer_name_is_compared_without_accents_legal_forms_or_word_order()
    {
        var invoice = Invoice(Dupont, "INV-2026-00500", 300m);

        var result = Matcher([invoice, Invoice(Acme, "INV-2026-00501", 999m)]).Match(Receipt(300m, "FILS DUPONT SOCIETE SA", null));

        Assert.True(result.AutoApply);
        Assert.Equal(Dupont, result.Best!.CustomerId);
        Assert.Equal(invoice.InvoiceId, result.Best.Allocations.Single().InvoiceId);
    }

    [Fact]
    public void A_name_that_only_resembles_a_customer_waits_for_a_clerk_with_the_suggestion_first()
    {
        var invoice = Invoice(Dupont, "INV-2026-00500", 300m);

        var result = Matcher([invoice, Invoice(Acme, "INV-2026-00501", 999m)]).Match(Receipt(300m, "Societe Dupont Fils Lyon", null));

        Assert.False(result.AutoApply);
        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
        Assert.Contains(result.Best.Evidence, e => e.Contains("resembles", StringComparison.Ordinal));
    }

    [Fact]
    public void A_combined_payment_is_found_as_the_combination_of_open_invoices_summing_to_it()
    {
        var a = Invoice(Acme, "INV-2026-01001", 120.50m, dueInDays: 1);
        var b = Invoice(Acme, "INV-2026-01002", 310.00m, dueInDays: 2);
        var c = Invoice(Acme, "INV-2026-01003", 77.25m, dueInDays: 3);
        var d = Invoice(Acme, "INV-2026-01004", 1000.00m, dueInDays: 4);
        var learned = new Dictionary<string, Guid> { ["GB29NWBK60161331926819"] = Acme };

        var result = Matcher([a, b, c, d], learned).Match(Receipt(197.75m, "Acme Trading", "July invoices", "GB29NWBK60161331926819"));

        Assert.Equal(new[] { a.InvoiceId, c.InvoiceId }.Order(), result.Best!.Allocations.Select(x => x.InvoiceId).Order());
        Assert.Equal(MatchKind.Exact, result.Best.Kind);
        Assert.Contains(result.Best.Evidence, e => e.Contains("add up to the amount", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_invoice_numbers_in_the_text_are_applied_together()
    {
        var a = Invoice(Acme, "INV-2026-01101", 100m, dueInDays: 1);
        var b = Invoice(Acme, "INV-2026-01102", 200m, dueInDays: 2);

        var result = Matcher([a, b]).Match(Receipt(300m, "Acme", "INV-2026-01101 INV-2026-01102"));

        Assert.True(result.AutoApply);
        Assert.Equal([100m, 200m], result.Best!.Allocations.Select(x => x.Amount));
    }

    [Fact]
    public void An_early_payment_discount_taken_counts_as_paying_in_full()
    {
        var invoice = Invoice(Acme, "INV-2026-02000", 1000m, discount: 20m);

        var result = Matcher([invoice]).Match(Receipt(980m, "Acme Trading", "INV-2026-02000"));

        Assert.True(result.AutoApply);
        Assert.Equal(MatchKind.Exact, result.Best!.Kind);
        Assert.Contains(result.Best.Evidence, e => e.Contains("discount taken", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bank_fee_within_tolerance_still_pays_the_invoice()
    {
        var invoice = Invoice(Acme, "INV-2026-03000", 1000m);

        var result = Matcher([invoice]).Match(Receipt(996.50m, "Acme Trading", "INV-2026-03000"));

        Assert.Equal(MatchKind.Exact, result.Best!.Kind);
        Assert.Equal(996.50m, result.Best.Allocations.Single().Amount);
        Assert.Contains(result.Best.Evidence, e => e.Contains("within the tolerance", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_payment_beyond_tolerance_is_applied_and_flags_a_dispute()
    {
        var invoice = Invoice(Acme, "INV-2026-04000", 1000m);

        var result = Matcher([invoice]).Match(Receipt(850m, "Acme Trading", "INV-2026-04000 less damaged goods"));

        Assert.Equal(MatchKind.Short, result.Best!.Kind);
        Assert.True(result.Best.OpensShortPaymentDispute);
        Assert.Equal(150m, result.Best.Allocations.Single().Shortfall);
        Assert.Equal(850m, result.Best.Allocations.Single().Amount);
    }

    [Fact]
    public void An_overpayment_settles_the_invoice_and_leaves_the_rest_unapplied()
    {
        var invoice = Invoice(Acme, "INV-2026-05000", 400m);

        var result = Matcher([invoice]).Match(Receipt(450m, "Acme Trading", "INV-2026-05000"));

        Assert.Equal(MatchKind.Over, result.Best!.Kind);
        Assert.Equal(400m, result.Best.Allocations.Single().Amount);
        Assert.Equal(50m, result.Best.Unapplied);
    }

    [Fact]
    public void A_receipt_in_another_currency_is_converted_with_the_stored_rate_and_says_so()
    {
        var invoice = Invoice(Acme, "INV-2026-06000", 1000m);
        var rates = new CurrencyConverter("EUR", [new RateQuote("USD", 0.92m, Day.AddDays(-1))]);

        var result = Matcher([invoice], rates: rates).Match(Receipt(1087m, "Acme Trading", "INV-2026-06000", currency: "USD"));

        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
        Assert.Equal(1000.04m, result.Best.AmountInInvoiceCurrency);
        Assert.Contains(result.Best.Evidence, e => e.Contains("converted to EUR 1,000.04 at the stored rate 0.92", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unrelated_credit_such_as_bank_interest_waits_in_the_queue_suggested_as_not_a_customer_payment()
    {
        var result = Matcher([Invoice(Acme, "INV-2026-07000", 12.34m)]).Match(Receipt(3.21m, "Stadtsparkasse", "Zinsgutschrift 4. Quartal"));

        Assert.False(result.AutoApply);
        var only = Assert.Single(result.Candidates);
        Assert.Equal((MatchKind.NotCustomerPayment, 0), (only.Kind, only.Allocations.Count));
    }

    [Fact]
    public void Two_invoices_asking_the_same_amount_of_a_known_payer_are_offered_not_applied()
    {
        var a = Invoice(Mueller, "INV-2026-08001", 500m, dueInDays: 1);
        var b = Invoice(Mueller, "INV-2026-08002", 500m, dueInDays: 5);
        var learned = new Dictionary<string, Guid> { ["DE89370400440532013000"] = Mueller };

        var result = Matcher([a, b], learned).Match(Receipt(500m, null, null, "DE89370400440532013000"));

        Assert.False(result.AutoApply);
        Assert.Equal(2, result.Candidates.Count(c => c.Allocations.Count == 1));
    }

    [Fact]
    public void An_account_learned_for_another_customer_lowers_a_reference_match()
    {
        var invoice = Invoice(Acme, "INV-2026-09000", 100m);
        var learned = new Dictionary<string, Guid> { ["DE89370400440532013000"] = Mueller };

        var result = Matcher([invoice], learned).Match(Receipt(100m, null, "INV-2026-09000", "DE89370400440532013000"));

        var referenced = result.Candidates.Single(c => c.CustomerId == Acme);
        Assert.True(referenced.Confidence < MatchingRules.Default.AutoApplyThreshold);
        Assert.Contains(referenced.Evidence, e => e.Contains("another customer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Stripe Payments Europe Ltd", "STRIPE PAYOUT 20261120 352135")]
    [InlineData("Adyen N.V.", "Settlement batch 20.11.2026")]
    public void A_payout_whose_text_carries_the_day_is_not_read_as_the_invoice_those_digits_key_to(string payer, string text)
    {
        // With leading zeros dropped, "INV-2026-001120" keys "20261120": the payout date must not name it.
        var lookalike = Invoice(Acme, "INV-2026-001120", 643.30m);

        var result = Matcher([lookalike, Invoice(Acme, "INV-2026-001121", 99m)]).Match(Receipt(447.47m, payer, text));

        Assert.False(result.AutoApply);
        Assert.Equal(MatchKind.NotCustomerPayment, result.Best!.Kind);
        Assert.DoesNotContain(result.Candidates, c => c.Allocations.Any(a => a.InvoiceId == lookalike.InvoiceId));
    }

    [Fact]
    public void An_invoice_numbered_like_a_date_is_still_found_when_its_digits_are_written_as_they_are()
    {
        var invoice = Invoice(Acme, "20261120", 500m);

        var result = Matcher([invoice, Invoice(Acme, "20261121", 500m)]).Match(Receipt(500m, "Acme Trading Ltd", "Rechnung 20261120"));

        Assert.True(result.AutoApply);
        Assert.Equal(invoice.InvoiceId, result.Best!.Allocations.Single().InvoiceId);
    }
}
