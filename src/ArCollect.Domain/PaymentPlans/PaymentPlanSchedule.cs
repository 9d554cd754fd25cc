using ArCollect.Domain.Common;

namespace ArCollect.Domain.PaymentPlans;

/// <summary>One instalment of a schedule, before it is stored.</summary>
public sealed record PlannedInstalment(int Number, DateOnly DueDate, decimal Amount);

/// <summary>Where a plan stands on a day, from its schedule and the money applied to its invoices since it began.</summary>
public sealed record PlanStanding(int Covered, PlannedInstalment? Next, decimal Paid, bool Completed, bool Breached)
{
    /// <summary>What is still owed on the next instalment (it may be partly paid).</summary>
    public decimal NextOutstanding(IReadOnlyList<PlannedInstalment> schedule) =>
        Next is null ? 0m : schedule.Where(i => i.Number <= Next.Number).Sum(i => i.Amount) - Paid;
}

/// <summary>The instalment schedule of a plan and how payments and dates are judged against it.</summary>
public static class PaymentPlanSchedule
{
    /// <summary>
    /// Splits <paramref name="total"/> into <paramref name="count"/> monthly instalments from <paramref name="first"/>,
    /// in the currency's minor units: each the total divided evenly and rounded down, the last taking what is left.
    /// </summary>
    public static IReadOnlyList<PlannedInstalment> Build(decimal total, string currency, int count, DateOnly first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        var scale = Pow10(CurrencyCodes.MinorUnits(currency));
        var minor = decimal.Round(total * scale, 0, MidpointRounding.AwayFromZero);
        var each = decimal.Floor(minor / count);
        var list = new List<PlannedInstalment>(count);
        for (var n = 1; n <= count; n++)
        {
            var amount = n < count ? each : minor - (each * (count - 1));
            list.Add(new PlannedInstalment(n, first.AddMonths(n - 1), amount / scale));
        }

        return list;
    }

    /// <summary>
    /// Money counts toward instalments in order. The first instalment not fully paid is the next one; the plan is
    /// breached once that instalment's date plus <paramref name="graceDays"/> has passed, and completed when none is left.
    /// </summary>
    public static PlanStanding Evaluate(IReadOnlyList<PlannedInstalment> schedule, decimal paid, DateOnly today, int graceDays)
    {
        var cumulative = 0m;
        var covered = 0;
        PlannedInstalment? next = null;
        foreach (var instalment in schedule.OrderBy(i => i.Number))
        {
            cumulative += instalment.Amount;
            if (paid >= cumulative)
            {
                covered++;
                continue;
            }

            next = instalment;
            break;
        }

        var breached = next is not null && next.DueDate.AddDays(graceDays) < today;
        return new PlanStanding(covered, next, paid, next is null, breached);
    }

    /// <summary>
    /// The day each planned invoice falls due under the plan: invoices are paid off in their order, so an invoice is
    /// due on the date of the instalment that brings the paid total up to the end of that invoice.
    /// </summary>
    public static IReadOnlyDictionary<Guid, DateOnly> InvoiceDueDates(IReadOnlyList<PlannedInstalment> schedule, IReadOnlyList<(Guid InvoiceId, decimal Amount)> invoicesInOrder)
    {
        var ordered = schedule.OrderBy(i => i.Number).ToList();
        var result = new Dictionary<Guid, DateOnly>();
        if (ordered.Count == 0)
        {
            return result;
        }

        var invoiceEnd = 0m;
        var k = 0;
        var paidThrough = ordered[0].Amount;
        foreach (var (invoiceId, amount) in invoicesInOrder)
        {
            invoiceEnd += amount;
            while (paidThrough < invoiceEnd && k < ordered.Count - 1)
            {
                k++;
                paidThrough += ordered[k].Amount;
            }

            result[invoiceId] = ordered[k].DueDate;
        }

        return result;
    }

    /// <summary>
    /// For each planned invoice, the date of the first instalment that still carries an unpaid share of it: instalments
    /// fill the invoices in plan order and the money paid so far fills them from the start. An invoice the plan's
    /// payments already cover takes the date of the instalment that paid its last cent.
    /// </summary>
    public static IReadOnlyDictionary<Guid, DateOnly> FirstOpenDueDates(IReadOnlyList<PlannedInstalment> schedule, decimal paid,
        IReadOnlyList<(Guid InvoiceId, decimal Amount)> invoicesInOrder)
    {
        var ordered = schedule.OrderBy(i => i.Number).ToList();
        var result = new Dictionary<Guid, DateOnly>();
        if (ordered.Count == 0)
        {
            return result;
        }

        var lastCent = InvoiceDueDates(ordered, invoicesInOrder);
        var start = 0m;
        foreach (var (invoiceId, amount) in invoicesInOrder)
        {
            var end = start + amount;
            var firstUnpaid = Math.Max(start, paid);
            result[invoiceId] = lastCent[invoiceId];
            if (firstUnpaid < end)
            {
                var through = 0m;
                foreach (var instalment in ordered)
                {
                    through += instalment.Amount;
                    if (through > firstUnpaid)
                    {
                        result[invoiceId] = instalment.DueDate;
                        break;
                    }
                }
            }

            start = end;
        }

        return result;
    }

    /// <summary>
    /// What is still owed on each planned invoice, split by the instalments that carry it: instalments fill the
    /// invoices in plan order and the money paid so far fills them from the start, so each unpaid share is expected on
    /// its own instalment's date (the cash forecast reads them). The last instalment takes any remainder beyond the
    /// schedule's total.
    /// </summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<(DateOnly DueDate, decimal Amount)>> OpenShares(IReadOnlyList<PlannedInstalment> schedule,
        decimal paid, IReadOnlyList<(Guid InvoiceId, decimal Amount)> invoicesInOrder)
    {
        var ordered = schedule.OrderBy(i => i.Number).ToList();
        var result = new Dictionary<Guid, IReadOnlyList<(DateOnly DueDate, decimal Amount)>>();
        if (ordered.Count == 0)
        {
            return result;
        }

        var start = 0m;
        foreach (var (invoiceId, amount) in invoicesInOrder)
        {
            var end = start + amount;
            var shares = new List<(DateOnly DueDate, decimal Amount)>();
            var from = 0m;
            for (var k = 0; k < ordered.Count; k++)
            {
                var to = k == ordered.Count - 1 ? decimal.MaxValue : from + ordered[k].Amount;
                var share = Math.Min(end, to) - Math.Max(Math.Max(start, from), paid);
                if (share > 0m)
                {
                    shares.Add((ordered[k].DueDate, share));
                }

                from = to == decimal.MaxValue ? from : to;
            }

            result[invoiceId] = shares;
            start = end;
        }

        return result;
    }

    /// <summary>The money applied to the plan's invoices since it began: each invoice's fall in balance, up to the part the plan covers.</summary>
    public static decimal PaidSinceStart(IEnumerable<(decimal Amount, decimal BalanceAtStart, decimal Balance)> invoices) =>
        invoices.Sum(i => Math.Min(i.Amount, Math.Max(0m, i.BalanceAtStart - i.Balance)));

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
