namespace ArCollect.Domain.Payments;

/// <summary>An open invoice as netting sees it: what is still chased on it (open amount less any disputed part).</summary>
public sealed record CreditableInvoice(Guid InvoiceId, string Number, DateOnly DueDate, string Currency, decimal Chaseable);

/// <summary>
/// Money a customer paid that is not applied to any invoice yet (overpayments, receipts kept on account) still
/// counts when chasing: reminders and late fees net it against the open invoices of the same currency, the one due
/// first (then the invoice number), as the customer would expect it to be applied. An invoice on an active payment plan
/// is due when the first instalment still carrying an unpaid share of it is due
/// (<see cref="PaymentPlans.PaymentPlanSchedule.FirstOpenDueDates"/>), not on its own, older due date: the plan moved it,
/// so money on account first covers what is due before that. Both runs pass the same dates, so the same credit covers
/// the same invoices in the reminder and in the late-fee run. Only the chased part of an
/// invoice is covered; the credit of one currency never covers an invoice in another. Nothing is booked: applying the
/// money for good is a clerk's decision (<c>UnappliedCashApplier</c>).
/// </summary>
public static class UnappliedCredit
{
    /// <summary>How much of each invoice the customer's unapplied credit covers; invoices it does not reach are left out.</summary>
    /// <param name="invoices">The open invoices with their own due dates.</param>
    /// <param name="credit">The unapplied credit by currency.</param>
    /// <param name="planned">For invoices on an active payment plan, the date of the first instalment with an unpaid share of it.</param>
    public static IReadOnlyDictionary<Guid, decimal> Cover(IEnumerable<CreditableInvoice> invoices, IReadOnlyDictionary<string, decimal> credit,
        IReadOnlyDictionary<Guid, DateOnly> planned)
    {
        var left = credit.Where(c => c.Value > 0m).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var covered = new Dictionary<Guid, decimal>();
        foreach (var invoice in invoices.Where(i => i.Chaseable > 0m)
            .OrderBy(i => planned.TryGetValue(i.InvoiceId, out var due) ? due : i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal))
        {
            if (!left.TryGetValue(invoice.Currency, out var available) || available <= 0m)
            {
                continue;
            }

            var amount = Math.Min(available, invoice.Chaseable);
            covered[invoice.InvoiceId] = amount;
            left[invoice.Currency] = available - amount;
        }

        return covered;
    }
}
