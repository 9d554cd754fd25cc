using ArCollect.Domain.CashApplication;

namespace ArCollect.Domain.Tests.CashApplication;

/// <summary>A waiting remittance advice is strong evidence for a receipt whose payer and amount fit it, and is used as it splits the money.</summary>
public sealed class RemittanceMatchingTests
{
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly Guid Acme = Guid.NewGuid();
    private static readonly Guid Zeta = Guid.NewGuid();
    private static readonly KnownCustomer[] Customers = [new(Acme, "Acme Trading Ltd", []), new(Zeta, "Zeta Logistics", [])];
    private static readonly OpenInvoiceItem A1 = new(Guid.NewGuid(), Acme, "INV-2026-00401", 700m, "EUR", Day.AddDays(-30));
    private static readonly OpenInvoiceItem A2 = new(Guid.NewGuid(), Acme, "INV-2026-00402", 300m, "EUR", Day.AddDays(-20));
    private static readonly OpenInvoiceItem A3 = new(Guid.NewGuid(), Acme, "INV-2026-00403", 450m, "EUR", Day.AddDays(-10));

    private static AdviceItem Advice(decimal total, DateOnly? expires = null, params (string Number, decimal Amount)[] lines) =>
        new(Guid.NewGuid(), Acme, new DateOnly(2026, 11, 28), expires ?? new DateOnly(2026, 12, 28), "Acme Trading Ltd", "EUR", total,
            lines.Select(l => new AdviceLineItem(l.Number, l.Amount)).ToList());

    private static CashMatcher Matcher(params AdviceItem[] advices) =>
        new([A1, A2, A3], Customers, new Dictionary<string, Guid>(), MatchingRules.Default, null, advices);

    private static Receipt Receipt(decimal amount, string payer, DateOnly? on = null) => new("r1", on ?? Day, amount, "EUR", payer, null, "Payment");

    [Fact]
    public void Without_an_advice_a_combined_payment_waits_with_the_advice_it_applies_itself_naming_the_advice()
    {
        var advice = Advice(1000m, null, ("INV-2026-00401", 700m), ("INV-2026-00402", 300m));

        // Payer named (0.35) and 700 + 300 to the cent (0.50): 0.85, below the threshold.
        var without = Matcher().Match(Receipt(1000m, "ACME TRADING LTD"));
        // Advice (0.60), its total paid (0.35), payer named (0.35): the ceiling of 0.99.
        var with = Matcher(advice).Match(Receipt(1000m, "ACME TRADING LTD"));

        Assert.False(without.AutoApply);
        Assert.Equal(0.85m, without.Best!.Confidence);
        Assert.True(with.AutoApply);
        Assert.Equal(advice.AdviceId, with.Best!.AdviceId);
        Assert.Equal(0.99m, with.Best.Confidence);
        Assert.Equal([("INV-2026-00401", 700m), ("INV-2026-00402", 300m)], with.Best.Allocations.Select(a => (a.Number, a.Amount)));
        Assert.Equal("remittance advice of 2026-11-28 from Acme Trading Ltd names INV-2026-00401, INV-2026-00402", with.Best.Evidence[0]);
    }

    [Fact]
    public void The_money_goes_as_the_advice_splits_it_not_oldest_first()
    {
        // 450 to the newest invoice in full and 150 on account of the oldest: no invoice or combination asks 600.
        var advice = Advice(600m, null, ("INV-2026-00403", 450m), ("inv 2026 401", 150m));

        var result = Matcher(advice).Match(Receipt(600m, "Acme Trading"));

        Assert.True(result.AutoApply);
        Assert.Equal([(A3.InvoiceId, 450m), (A1.InvoiceId, 150m)], result.Best!.Allocations.Select(a => (a.InvoiceId, a.Amount)));
        Assert.Equal(0m, result.Best.Unapplied);
    }

    [Fact]
    public void A_receipt_from_another_payer_does_not_use_the_advice()
    {
        var result = Matcher(Advice(1000m, null, ("INV-2026-00401", 700m), ("INV-2026-00402", 300m))).Match(Receipt(1000m, "Zeta Logistics"));

        Assert.False(result.AutoApply);
        Assert.All(result.Candidates, c => Assert.Null(c.AdviceId));
    }

    [Fact]
    public void A_receipt_ten_euros_off_the_advice_total_does_not_use_it_five_euros_off_does()
    {
        var advice = Advice(1000m, null, ("INV-2026-00401", 700m), ("INV-2026-00402", 300m));

        var off = Matcher(advice).Match(Receipt(990m, "Acme Trading"));
        var near = Matcher(advice).Match(Receipt(995m, "Acme Trading"));

        Assert.All(off.Candidates, c => Assert.Null(c.AdviceId));
        Assert.Equal(advice.AdviceId, near.Best!.AdviceId);
        // The 5.00 short is taken from the last invoice the advice names.
        Assert.Equal([700m, 295m], near.Best.Allocations.Select(a => a.Amount));
    }

    [Fact]
    public void An_expired_advice_is_not_used()
    {
        var result = Matcher(Advice(1000m, Day.AddDays(-1), ("INV-2026-00401", 700m), ("INV-2026-00402", 300m))).Match(Receipt(1000m, "Acme Trading"));

        Assert.All(result.Candidates, c => Assert.Null(c.AdviceId));
        Assert.False(result.AutoApply);
    }
}
