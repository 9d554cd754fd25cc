using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;

namespace ArCollect.Domain.Tests.Payments;

public class PaymentApplicationTests
{
    private static readonly DateOnly Issued = new(2026, 6, 1);
    private static readonly DateOnly InWindow = new(2026, 6, 8);

    // 1,000.00 net + 19 % VAT = 1,190.00; 2/10 Net 30 offers 2 % of the total, 23.80, until 2026-06-11.
    private static Invoice NewInvoice(string currency = "EUR", decimal unitPrice = 1000m, decimal taxRate = 19m)
    {
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            Number = "INV-1",
            Currency = currency,
            IssueDate = Issued,
            DueDate = Issued.AddDays(30),
            Terms = "2/10 Net 30",
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Goods", Quantity = 1m, UnitPrice = unitPrice, TaxRate = taxRate }]);
        return invoice;
    }

    private static AppliedAllocation ApplyOne(Invoice invoice, decimal amount, DiscountGrant? grant = null, bool byClerk = false)
    {
        var outcome = new PaymentApplication([invoice], InWindow, grant)
            .Apply(amount, invoice.Currency, byClerk ? [new AllocationRequest(invoice.Id, amount)] : null);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal(0m, outcome.Unapplied);
        return Assert.Single(outcome.Allocations);
    }

    [Fact]
    public void Paying_between_the_discounted_and_the_full_amount_settles_with_the_discount_actually_taken()
    {
        var invoice = NewInvoice();

        var applied = ApplyOne(invoice, 1180m);

        // The customer took 10.00 of the 23.80 offered: all 1,180.00 is applied, 10.00 credited, nothing left unapplied.
        Assert.Equal((1180m, 10m, true), (applied.Amount, applied.Discount, applied.Settled));
        Assert.Equal((0m, InWindow), (invoice.OpenAmount, invoice.SettledOn));
    }

    [Fact]
    public void A_full_payment_inside_the_window_is_applied_by_the_clerk_without_a_discount()
    {
        var invoice = NewInvoice();

        var applied = ApplyOne(invoice, 1190m, byClerk: true);

        Assert.Equal((1190m, 0m, true), (applied.Amount, applied.Discount, applied.Settled));
    }

    [Fact]
    public void Bank_fees_within_the_tolerance_still_settle_the_invoice()
    {
        var invoice = NewInvoice();

        // 1,166.20 is asked; 1,161.20 arrived after 5.00 of bank fees, and the tenant tolerates up to 5.00.
        var applied = ApplyOne(invoice, 1161.20m, new DiscountGrant(Tolerance: 5m));

        Assert.Equal((28.80m, true), (applied.Discount, applied.Settled));
    }

    [Fact]
    public void More_short_than_the_tolerance_earns_no_discount_and_leaves_the_rest_open()
    {
        var invoice = NewInvoice();

        var applied = ApplyOne(invoice, 1161.19m, new DiscountGrant(Tolerance: 5m));

        Assert.Equal((0m, false), (applied.Discount, applied.Settled));
        Assert.Equal(28.81m, invoice.OpenAmount);
    }

    [Fact]
    public void A_clerk_who_declines_the_discount_leaves_it_open()
    {
        var invoice = NewInvoice();

        var applied = ApplyOne(invoice, 1166.20m, new DiscountGrant(Grant: false));

        Assert.Equal((0m, false), (applied.Discount, applied.Settled));
        Assert.Equal(23.80m, invoice.OpenAmount);
    }

    [Fact]
    public void The_discount_carries_tax_in_the_invoice_proportion()
    {
        var invoice = NewInvoice();

        var applied = ApplyOne(invoice, 1166.20m);

        // 23.80 x 190 / 1,190 = 3.80 of the discount is VAT, 20.00 is net.
        Assert.Equal((23.80m, 3.80m), (applied.Discount, applied.DiscountTax));
    }

    [Fact]
    public void A_yen_discount_is_whole_yen()
    {
        // 10,050 yen + 10 % = 11,055 yen; 2 % is 221.1, offered as 221 yen.
        var invoice = NewInvoice("JPY", 10050m, 10m);

        var applied = ApplyOne(invoice, 10834m);

        Assert.Equal((221m, 20m, true), (applied.Discount, applied.DiscountTax, applied.Settled));
    }
}
