namespace ArCollect.Domain.PaymentPlans;

/// <summary>
/// What a reminder asks of a customer on a payment plan: the next instalment not fully paid (what is left of it and
/// its date), and the share of it that falls on each planned invoice (instalments fill the invoices in plan order).
/// </summary>
public sealed record InstalmentRequest(int Number, int Count, DateOnly DueDate, decimal Amount, string Currency, IReadOnlyDictionary<Guid, decimal> PerInvoice)
{
    /// <param name="paid">Money counted towards the plan so far (<see cref="PaymentPlanSchedule.PaidSinceStart"/>).</param>
    /// <param name="invoicesInOrder">The plan's invoices in plan order, with the part of each the plan covers.</param>
    public static InstalmentRequest? Next(IReadOnlyList<PlannedInstalment> schedule, decimal paid, string currency, IReadOnlyList<(Guid InvoiceId, decimal Amount)> invoicesInOrder)
    {
        var through = 0m;
        foreach (var instalment in schedule.OrderBy(i => i.Number))
        {
            through += instalment.Amount;
            if (through <= paid)
            {
                continue;
            }

            var perInvoice = new Dictionary<Guid, decimal>();
            var start = 0m;
            foreach (var (invoiceId, amount) in invoicesInOrder)
            {
                var share = Math.Min(start + amount, through) - Math.Max(start, paid);
                if (share > 0m)
                {
                    perInvoice[invoiceId] = share;
                }

                start += amount;
            }

            return new InstalmentRequest(instalment.Number, schedule.Count, instalment.DueDate, through - paid, currency, perInvoice);
        }

        return null;
    }
}
