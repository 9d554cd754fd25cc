using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Payments;

/// <summary>What one payment did to one invoice: the amount applied, the early-payment discount it earned, whether it settled it.</summary>
public sealed record AppliedAllocation(Invoice Invoice, decimal Amount, decimal Discount, bool Settled);

public sealed record AppliedPayment(IReadOnlyList<AppliedAllocation> Allocations, decimal Unapplied, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Applies money received on a day to a customer's open invoices, the one rule for a payment recorded by hand and an
/// imported one: early-payment discounts shrink what each invoice asks for while the window is open and are granted
/// (as a credit) only when the payment settles the discounted amount; the allocation itself is
/// <see cref="PaymentAllocator"/>'s. The invoices are updated in place (paid, credited, settled on).
/// </summary>
public sealed class PaymentApplication
{
    private readonly IReadOnlyList<Invoice> invoices;
    private readonly DateOnly receivedOn;
    private readonly Dictionary<Guid, decimal> discounts;

    public PaymentApplication(IReadOnlyList<Invoice> openInvoices, DateOnly receivedOn)
    {
        invoices = openInvoices;
        this.receivedOn = receivedOn;
        discounts = openInvoices.ToDictionary(i => i.Id, i => EarlyPaymentDiscount.Offered(i, receivedOn));
        OpenItems = openInvoices.Select(i => new OpenItem(i.Id, i.Number, i.DueDate, i.OpenAmount - discounts[i.Id], i.Currency)).ToList();
    }

    /// <summary>What each invoice asks for on the day, discounts taken off.</summary>
    public IReadOnlyList<OpenItem> OpenItems { get; }

    public AppliedPayment Apply(decimal amount, string currency, IReadOnlyList<AllocationRequest>? requests)
    {
        var outcome = PaymentAllocator.Allocate(amount, currency, OpenItems, requests);
        if (!outcome.Succeeded)
        {
            return new AppliedPayment([], 0m, outcome.Errors);
        }

        var applied = new List<AppliedAllocation>(outcome.Allocations.Count);
        foreach (var allocation in outcome.Allocations)
        {
            var invoice = invoices.Single(i => i.Id == allocation.InvoiceId);
            invoice.AmountPaid += allocation.Amount;
            var discount = discounts[invoice.Id] > 0m && invoice.OpenAmount == discounts[invoice.Id] ? invoice.OpenAmount : 0m;
            invoice.AmountCredited += discount;
            var settled = invoice.OpenAmount <= 0m;
            if (settled)
            {
                invoice.SettledOn = receivedOn;
            }

            applied.Add(new AppliedAllocation(invoice, allocation.Amount, discount, settled));
        }

        return new AppliedPayment(applied, outcome.Unapplied, []);
    }
}
