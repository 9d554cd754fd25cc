using ArCollect.Domain.Kpis;

namespace ArCollect.Domain.Narratives;

/// <summary>
/// How one customer's receivables moved from the end of one period to the end of the next, in the base currency
/// (converted at the later period end's rate), with what its DSO contribution can be grouped by.
/// </summary>
public sealed record CustomerArChange(Guid CustomerId, string Name, string? Region, string? Segment, bool KeyAccount, decimal Change);

/// <summary>A customer's part of a DSO change, in days.</summary>
public sealed record CustomerDsoEffect(CustomerArChange Customer, decimal Days);

/// <summary>
/// A change of standard DSO between two periods split exactly into parts that add up to it. With AR the closing
/// receivables, S the credit sales and D the days of a period, DSO = AR x D / S, so one unit of receivables is worth
/// k = D / S days. From period 1 to period 2:
/// <code>
/// DSO2 - DSO1 = sum over customers c of (AR2c - AR1c) x k2     (customers: their receivables moved, priced at this period's sales)
///             + AR1 x (k2 - k1)                                (sales: the same receivables against a different sales pace)
///             + other                                          (what is left: revaluation of AR1 at the new rates)
/// </code>
/// In one currency "other" is zero; with several it is the opening receivables revalued from the first period end's
/// rates to the second's (and any amount left out for want of a rate), times k2.
/// </summary>
public sealed record DsoAttribution(decimal Change, decimal SalesEffect, decimal OtherEffect, IReadOnlyList<CustomerDsoEffect> Customers)
{
    /// <summary>Null when either period has no DSO (no credit sales).</summary>
    public static DsoAttribution? Of(KpiSnapshot previous, KpiSnapshot last, IEnumerable<CustomerArChange> changes)
    {
        if (previous.Dso is not { } before || last.Dso is not { } now)
        {
            return null;
        }

        var kNow = DaysPerUnit(last);
        var kBefore = DaysPerUnit(previous);
        var customers = changes.Where(c => c.Change != 0m).Select(c => new CustomerDsoEffect(c, c.Change * kNow)).ToList();
        var change = now - before;
        var sales = previous.ClosingAr * (kNow - kBefore);
        return new DsoAttribution(change, sales, change - sales - customers.Sum(c => c.Days), customers);
    }

    /// <summary>
    /// The fewest customers (at most <paramref name="max"/>) that moved DSO in the direction of the change, largest
    /// first, whose days together reach <paramref name="enough"/> of it (or all of the largest <paramref name="max"/>).
    /// </summary>
    public IReadOnlyList<CustomerDsoEffect> Drivers(int max, decimal enough)
    {
        var drivers = new List<CustomerDsoEffect>();
        var sum = 0m;
        foreach (var effect in Customers.Where(c => Math.Sign(c.Days) == Math.Sign(Change))
                     .OrderByDescending(c => Math.Abs(c.Days)).ThenBy(c => c.Customer.Name, StringComparer.Ordinal).ThenBy(c => c.Customer.CustomerId))
        {
            if (drivers.Count == max || (Change != 0m && sum / Change >= enough))
            {
                break;
            }

            drivers.Add(effect);
            sum += effect.Days;
        }

        return drivers;
    }

    /// <summary>The customers' days summed per value of a grouping (customers without a value are left out).</summary>
    public IReadOnlyList<(string Group, decimal Days, int Customers)> By(Func<CustomerArChange, string?> group) =>
        Customers.Select(c => (Key: group(c.Customer), c.Days))
            .Where(c => !string.IsNullOrWhiteSpace(c.Key))
            .GroupBy(c => c.Key!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(c => c.Days), g.Count()))
            .OrderByDescending(g => Math.Sign(Change) * g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    private static decimal DaysPerUnit(KpiSnapshot k) =>
        (k.PeriodEnd.DayNumber - k.PeriodStart.DayNumber + 1) / k.CreditSales;
}
