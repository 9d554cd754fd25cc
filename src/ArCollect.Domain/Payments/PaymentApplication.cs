using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Payments;

/// <summary>What one payment did to one invoice: the amount applied, the early-payment discount it was granted (and the tax in it), whether it settled it.</summary>
public sealed record AppliedAllocation(Invoice Invoice, decimal Amount, decimal Discount, decimal DiscountTax, bool Settled);

public sealed record AppliedPayment(IReadOnlyList<AppliedAllocation> Allocations, decimal Unapplied, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>How early-payment discounts are granted: whether at all (the clerk's choice), and how far below the discounted amount a payment may fall for bank fees and still settle the invoice.</summary>
public sealed record DiscountGrant(bool Grant = true, decimal Tolerance = 0m)
{
    public static readonly DiscountGrant Default = new();
}

/// <summary>
/// Applies money received on a day to a customer's open invoices, the one rule for a payment recorded by hand and an
/// imported one. Inside an invoice's discount window, oldest-first allocation asks only for the discounted amount, and
/// money left over goes back into the discounts; the clerk may apply anything up to the full amount. Whatever a payment
/// leaves open on an invoice in its window, up to the offered discount plus the tenant's tolerance for bank fees, is
/// granted as the discount actually taken (a credit), and the invoice is settled. The allocation itself is
/// <see cref="PaymentAllocator"/>'s. The invoices are updated in place (paid, credited, settled on).
/// </summary>
public sealed class PaymentApplication
{
    private readonly Dictionary<Guid, Invoice> invoices;
    private readonly DateOnly receivedOn;
    private readonly Dictionary<Guid, decimal> discounts;
    private readonly decimal tolerance;

    public PaymentApplication(IReadOnlyList<Invoice> openInvoices, DateOnly receivedOn, DiscountGrant? grant = null)
    {
        grant ??= DiscountGrant.Default;
        invoices = openInvoices.ToDictionary(i => i.Id);
        this.receivedOn = receivedOn;
        tolerance = grant.Tolerance;
        discounts = openInvoices.ToDictionary(i => i.Id, i => grant.Grant ? EarlyPaymentDiscount.Offered(i, receivedOn) : 0m);
        OpenItems = openInvoices.Select(i => new OpenItem(i.Id, i.Number, i.DueDate, i.OpenAmount - discounts[i.Id], i.Currency)).ToList();
        FullItems = openInvoices.Select(i => new OpenItem(i.Id, i.Number, i.DueDate, i.OpenAmount, i.Currency)).ToList();
    }

    /// <summary>What each invoice asks for on the day, discounts taken off.</summary>
    public IReadOnlyList<OpenItem> OpenItems { get; }

    /// <summary>The most each invoice can take: its whole open amount, so paying in full inside the window is never refused.</summary>
    public IReadOnlyList<OpenItem> FullItems { get; }

    public AppliedPayment Apply(decimal amount, string currency, IReadOnlyList<AllocationRequest>? requests)
    {
        var byClerk = requests?.Any(r => r.Amount != 0m) == true;
        var outcome = PaymentAllocator.Allocate(amount, currency, byClerk ? FullItems : OpenItems, requests);
        if (!outcome.Succeeded)
        {
            return new AppliedPayment([], 0m, outcome.Errors);
        }

        var allocations = outcome.Allocations.ToList();
        var unapplied = byClerk ? outcome.Unapplied : TakeBackDiscounts(allocations, outcome.Unapplied);
        var applied = new List<AppliedAllocation>(allocations.Count);
        foreach (var allocation in allocations)
        {
            var invoice = invoices[allocation.InvoiceId];
            invoice.AmountPaid += allocation.Amount;
            var left = invoice.OpenAmount;
            var discount = discounts[invoice.Id] > 0m && left > 0m && left <= discounts[invoice.Id] + tolerance ? left : 0m;
            invoice.AmountCredited += discount;
            var settled = invoice.OpenAmount <= 0m;
            if (settled)
            {
                invoice.SettledOn = receivedOn;
            }

            applied.Add(new AppliedAllocation(invoice, allocation.Amount, discount, EarlyPaymentDiscount.TaxIn(invoice, discount), settled));
        }

        return new AppliedPayment(applied, unapplied, []);
    }

    /// <summary>
    /// Money left after every invoice got its discounted amount goes back into the discounts, oldest first: a customer
    /// who paid more than the discounted amount took less discount, and the money is applied rather than left unapplied.
    /// </summary>
    private decimal TakeBackDiscounts(List<Allocation> allocations, decimal unapplied)
    {
        for (var i = 0; i < allocations.Count && unapplied > 0m; i++)
        {
            var invoice = invoices[allocations[i].InvoiceId];
            var room = discounts[invoice.Id] > 0m ? invoice.OpenAmount - allocations[i].Amount : 0m;
            var extra = Math.Min(unapplied, room);
            if (extra > 0m)
            {
                allocations[i] = allocations[i] with { Amount = allocations[i].Amount + extra };
                unapplied -= extra;
            }
        }

        return unapplied;
    }
}
