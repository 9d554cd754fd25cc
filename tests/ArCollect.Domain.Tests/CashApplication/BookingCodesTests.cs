using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

public sealed class BookingCodesTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly Guid Acme = Guid.NewGuid();
    private static readonly KnownCustomer[] Customers = [new(Acme, "Acme Trading Ltd", [])];

    private static MatchResult Match(decimal amount, string? payer, string? text, string? code) =>
        new CashMatcher([new OpenInvoiceItem(Guid.NewGuid(), Acme, "INV-2026-00123", 1190m, "EUR", Day.AddDays(10))], Customers, new Dictionary<string, Guid>())
            .Match(new Receipt("k1", Day, amount, "EUR", payer, null, text, code));

    [Theory]
    [InlineData("ISO ACMT/MCOP/INTR", "interest")]
    [InlineData("ISO PMNT/RCDT/RRTN", "a returned credit transfer")]
    [InlineData("ISO PMNT/MCRD/POSP", "a card settlement")]
    [InlineData("ISO PMNT/CCRD/CHRG", "bank charges")]
    [InlineData("Prtry NINT+805", "interest")]
    [InlineData("Prtry NTRF+159", "a returned SEPA credit transfer")]
    [InlineData("SWIFT NCHG", "bank charges")]
    [InlineData("SWIFT NRTI", "a returned item")]
    [InlineData("SWIFT NTRF; SWIFT RD", "a reversed debit")]
    [InlineData("GVC 805", "the account closing")]
    [InlineData("BAI 354", "interest")]
    [InlineData("BAI 147", "a card settlement")]
    [InlineData("BAI 258", "an ACH reversal")]
    public void Codes_for_interest_charges_reversals_returns_and_card_settlements_are_signs_naming_the_code(string code, string meaning)
    {
        var sign = Assert.Single(BookingCodes.Signs(code));

        Assert.Contains(meaning, sign, StringComparison.Ordinal);
        Assert.Contains(code.Split("; ")[^1], sign, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ISO PMNT/RCDT/ESCT; Prtry NTRF+166")]
    [InlineData("SWIFT NTRF; GVC 166")]
    [InlineData("SWIFT NMSC")]
    [InlineData("BAI 165")]
    [InlineData("Bank Gutschrift")]
    [InlineData(null)]
    public void Codes_of_ordinary_credit_transfers_say_nothing_against_a_customer_payment(string? code) =>
        Assert.Empty(BookingCodes.Signs(code));

    [Fact]
    public void A_returned_transfer_that_names_the_invoice_to_the_cent_ranks_not_a_customer_payment_first_and_never_applies_itself()
    {
        var plain = Match(1190m, "ACME TRADING", "INV-2026-00123", "ISO PMNT/RCDT/ESCT");
        var returned = Match(1190m, "ACME TRADING", "INV-2026-00123", "ISO PMNT/RCDT/RRTN; Prtry NRTI+159");

        Assert.True(plain.AutoApply);
        Assert.False(returned.AutoApply);
        Assert.Equal(MatchKind.NotCustomerPayment, returned.Best!.Kind);
        Assert.Contains(returned.Best.Evidence, e => e.Contains("ISO PMNT/RCDT/RRTN", StringComparison.Ordinal));
        Assert.Contains(returned.Candidates, c => c.Kind == MatchKind.Exact);
    }

    [Fact]
    public void Codes_given_in_a_csv_column_are_read_in_the_stored_form()
    {
        Assert.Equal("ISO PMNT/RCDT/ESCT", BookingCodes.FromText(" pmnt/rcdt/esct "));
        Assert.Equal("SWIFT NINT", BookingCodes.FromText("NINT"));
        Assert.Equal("SWIFT NTRF; GVC 166", BookingCodes.FromText("swift ntrf; gvc 166"));
        Assert.Equal("Bank Zinsgutschrift", BookingCodes.FromText("Zinsgutschrift"));
        Assert.Null(BookingCodes.FromText("  "));
    }
}
