namespace ArCollect.Domain.Forecasting;

/// <summary>A change to the forecast's assumptions; applied to copies of the receipts, never to stored data.</summary>
public abstract record WhatIfScenario;

/// <summary>The <paramref name="Count"/> customers with the largest open balance pay <paramref name="Days"/> days later.</summary>
public sealed record TopCustomersPayLater(int Count, int Days) : WhatIfScenario;

/// <summary>One customer pays <paramref name="Days"/> days later.</summary>
public sealed record CustomerPaysLater(Guid CustomerId, int Days) : WhatIfScenario;

/// <summary>
/// A collection drive on invoices more than <paramref name="OverDays"/> days past due: <paramref name="Percent"/>% of
/// each one's balance is certainly collected, on its predicted day (kept inside the horizon); the rest is not.
/// </summary>
public sealed record CollectShareOfOldest(decimal Percent, int OverDays) : WhatIfScenario;

public static class WhatIf
{
    public static IReadOnlyList<ExpectedReceipt> Apply(
        IReadOnlyList<ExpectedReceipt> receipts, IEnumerable<WhatIfScenario> scenarios, DateOnly asOf, DateOnly horizonEnd)
    {
        var result = receipts;
        foreach (var scenario in scenarios)
        {
            result = Apply(result, scenario, asOf, horizonEnd);
        }

        return result;
    }

    public static IReadOnlyList<ExpectedReceipt> Apply(IReadOnlyList<ExpectedReceipt> receipts, WhatIfScenario scenario, DateOnly asOf, DateOnly horizonEnd) =>
        scenario switch
        {
            TopCustomersPayLater top => ShiftCustomers(receipts, TopCustomers(receipts, top.Count), top.Days),
            CustomerPaysLater one => ShiftCustomers(receipts, new HashSet<Guid> { one.CustomerId }, one.Days),
            CollectShareOfOldest drive => receipts.Select(r => asOf.DayNumber - r.DueDate.DayNumber > drive.OverDays
                    ? r with
                    {
                        Amount = r.Amount * drive.Percent / 100m,
                        Probability = 1m,
                        PredictedDate = r.PredictedDate > horizonEnd ? horizonEnd : r.PredictedDate,
                    }
                    : r)
                .ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };

    /// <summary>Customers by open balance, largest first; ties broken by id so the choice is stable.</summary>
    public static IReadOnlySet<Guid> TopCustomers(IEnumerable<ExpectedReceipt> receipts, int count) =>
        receipts.GroupBy(r => r.CustomerId)
            .Select(g => (Id: g.Key, Balance: g.Sum(r => r.Amount)))
            .OrderByDescending(c => c.Balance)
            .ThenBy(c => c.Id)
            .Take(count)
            .Select(c => c.Id)
            .ToHashSet();

    private static List<ExpectedReceipt> ShiftCustomers(IEnumerable<ExpectedReceipt> receipts, IReadOnlySet<Guid> customers, int days) =>
        receipts.Select(r => customers.Contains(r.CustomerId) ? r with { PredictedDate = r.PredictedDate.AddDays(days) } : r).ToList();
}
