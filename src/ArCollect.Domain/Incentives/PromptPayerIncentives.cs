using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Incentives;

/// <summary>An invoice the customer has settled: when it was due, when its balance reached zero, and whether a write-off closed it.</summary>
public sealed record SettledInvoice(DateOnly DueDate, DateOnly SettledOn, bool WrittenOff);

/// <summary>How a customer paid over a period: invoices settled in it and how many of them on or before their due date.</summary>
public sealed record PaymentRecord(int Settled, int OnTime)
{
    public decimal OnTimePercent => Settled == 0 ? 0m : Math.Round(100m * OnTime / Settled, 1, MidpointRounding.ToZero);
}

/// <summary>Which prompt-payer rule a customer earns, and what it does to the terms of a new invoice.</summary>
public static class PromptPayerIncentives
{
    /// <summary>Invoices settled in the <paramref name="months"/> before <paramref name="today"/>; one closed by a write-off never counts as on time.</summary>
    public static PaymentRecord Record(IEnumerable<SettledInvoice> settled, DateOnly today, int months)
    {
        var since = today.AddMonths(-months);
        var inWindow = settled.Where(s => s.SettledOn > since && s.SettledOn <= today).ToList();
        return new PaymentRecord(inWindow.Count, inWindow.Count(s => !s.WrittenOff && s.SettledOn <= s.DueDate));
    }

    /// <summary>Whether the customer's record over the rule's period meets the rule.</summary>
    public static bool Qualifies(IncentiveRule rule, IReadOnlyCollection<SettledInvoice> settled, DateOnly today)
    {
        var record = Record(settled, today, rule.LookbackMonths);
        return rule.Active && record.Settled >= Math.Max(1, rule.MinPaidInvoices)
            && record.OnTime * 100m >= rule.MinOnTimePercent * record.Settled;
    }

    /// <summary>The most generous active rule the customer meets (largest discount, then longest window), or null.</summary>
    public static IncentiveRule? Earned(IEnumerable<IncentiveRule> rules, IReadOnlyCollection<SettledInvoice> settled, DateOnly today) =>
        rules.Where(r => Qualifies(r, settled, today))
            .OrderByDescending(r => r.DiscountPercent).ThenByDescending(r => r.DiscountDays).ThenBy(r => r.Id)
            .FirstOrDefault();

    /// <summary>
    /// The terms a new invoice gets under the rule: its own net days with the rule's discount in front ("Net 30" becomes
    /// "2/10 Net 30"). Terms that already carry a discount keep it, and a discount window never outlasts the due date.
    /// </summary>
    public static PaymentTerms? Apply(PaymentTerms terms, IncentiveRule rule, DateOnly issueDate)
    {
        if (terms.HasDiscount || rule.DiscountPercent <= 0m)
        {
            return null;
        }

        var daysToDue = terms.DueDate(issueDate).DayNumber - issueDate.DayNumber;
        var days = Math.Min(rule.DiscountDays, Math.Max(0, daysToDue));
        return days <= 0 ? null : terms with { DiscountPercent = rule.DiscountPercent, DiscountDays = days };
    }
}
