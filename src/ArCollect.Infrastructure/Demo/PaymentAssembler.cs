using ArCollect.Domain.Payments;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Turns receipts up to today into payments with allocations, as a bank statement would show them: some
/// customers pay two invoices in one transfer, and a few pay a little too much.
/// </summary>
internal static class PaymentAssembler
{
    public static (List<Payment> Payments, List<PaymentAllocation> Allocations) Assemble(
        DemoRandom random, SettlementGenerator settlement, DemoOptions options)
    {
        var transfers = new List<List<Receipt>>();
        foreach (var byCustomer in settlement.Receipts.Where(r => r.On <= options.Today).GroupBy(r => r.Invoice.CustomerId))
        {
            var receipts = byCustomer.OrderBy(r => r.On).ToList();
            for (var i = 0; i < receipts.Count; i++)
            {
                var receipt = receipts[i];
                if (receipt.Combinable && i + 1 < receipts.Count && receipts[i + 1] is { Combinable: true } next
                    && next.On.DayNumber - receipt.On.DayNumber <= 3 && random.Chance(0.4))
                {
                    // A payment run that settles two invoices in one transfer, on the later day.
                    transfers.Add([receipt, next]);
                    i++;
                }
                else
                {
                    transfers.Add([receipt]);
                }
            }
        }

        var payments = new List<Payment>(transfers.Count);
        var allocations = new List<PaymentAllocation>(settlement.Receipts.Count);
        var reference = 0;
        foreach (var transfer in transfers.OrderBy(t => t[^1].On))
        {
            var payment = CreatePayment(random, transfer, ++reference);
            foreach (var receipt in transfer)
            {
                var allocation = new PaymentAllocation
                {
                    Id = random.NextGuid(payment.CreatedAt),
                    TenantId = payment.TenantId,
                    PaymentId = payment.Id,
                    InvoiceId = receipt.Invoice.Id,
                    Amount = receipt.Amount,
                };
                payment.Allocations.Add(allocation);
                allocations.Add(allocation);
                receipt.Invoice.AmountPaid += receipt.Amount;
                settlement.Touch(receipt.Invoice, payment.ReceivedOn);
            }

            payments.Add(payment);
        }

        return (payments, allocations);
    }

    private static Payment CreatePayment(DemoRandom random, List<Receipt> transfer, int sequence)
    {
        var profile = transfer[0].Profile;
        var on = transfer[^1].On;
        var applied = transfer.Sum(r => r.Amount);

        // A handful of customers round up or pay a fee twice; the excess stays unapplied for a clerk to sort out.
        var excess = random.Chance(0.002) ? Math.Round((decimal)random.Between(0.01, 25.0), 2) : 0m;
        var createdAt = DemoCalendar.AtUtc(on, 10, random.Between(0, 59)).AddSeconds(random.Between(0, 3599));
        return new Payment
        {
            Id = random.NextGuid(createdAt),
            TenantId = profile.Customer.TenantId,
            CustomerId = profile.Customer.Id,
            Reference = $"PAY-{sequence:000000}",
            ReceivedOn = on,
            Amount = applied + excess,
            Currency = profile.Customer.Currency,
            Method = PickMethod(random, profile),
            UnappliedAmount = excess,
            CreatedAt = createdAt,
        };
    }

    private static PaymentMethod PickMethod(DemoRandom random, CustomerProfile profile)
    {
        if (profile.Behaviour == PaymentBehaviour.PromptPayer && random.Chance(0.3))
        {
            return PaymentMethod.DirectDebit;
        }

        if (profile.Customer.Country == "US" && random.Chance(0.25))
        {
            return PaymentMethod.Cheque;
        }

        return random.PickWeighted([(PaymentMethod.BankTransfer, 90d), (PaymentMethod.Card, 7d), (PaymentMethod.Other, 3d)]);
    }
}
