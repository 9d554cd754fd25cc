namespace ArCollect.Domain.Kpis;

/// <summary>A dated reduction of an invoice's balance: a payment allocation (cash) or a credit note / write-off.</summary>
public sealed record Reduction(DateOnly On, decimal Amount, bool IsCash);

/// <summary>
/// The facts about one invoice that every KPI needs, with amounts already in the tenant's base currency.
/// The open amount on any day is derived from them, so KPIs for past periods see the ledger as it was.
/// </summary>
public sealed record LedgerInvoice(DateOnly IssueDate, DateOnly DueDate, decimal Amount, IReadOnlyList<Reduction> Reductions, DateOnly? SettledOn)
{
    public decimal OpenOn(DateOnly day)
    {
        if (IssueDate > day)
        {
            return 0m;
        }

        var reduced = 0m;
        foreach (var r in Reductions)
        {
            if (r.On <= day)
            {
                reduced += r.Amount;
            }
        }

        return Math.Max(0m, Amount - reduced);
    }

    public decimal CashBetween(DateOnly from, DateOnly to) =>
        Reductions.Where(r => r.IsCash && r.On >= from && r.On <= to).Sum(r => r.Amount);
}
