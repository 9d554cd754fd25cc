namespace ArCollect.Domain.CashApplication;

/// <summary>
/// Finds combinations of a payer's open invoices that add up to a receipt: a bounded depth-first search over the
/// oldest invoices, so a payer with hundreds of open items cannot make one receipt take long.
/// </summary>
public static class SubsetSum
{
    private const int NodeBudget = 50_000;

    /// <summary>Up to <paramref name="limit"/> index sets of 2 to <paramref name="maxSize"/> amounts summing to <paramref name="target"/> within <paramref name="tolerance"/>.</summary>
    public static IReadOnlyList<int[]> Find(IReadOnlyList<decimal> amounts, decimal target, decimal tolerance, int maxSize, int limit = 3)
    {
        var order = Enumerable.Range(0, amounts.Count).Where(i => amounts[i] > 0m && amounts[i] <= target + tolerance)
            .OrderByDescending(i => amounts[i]).ToArray();
        var suffix = new decimal[order.Length + 1];
        for (var i = order.Length - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + amounts[order[i]];
        }

        var found = new List<int[]>();
        var chosen = new List<int>();
        var nodes = 0;
        Search(0, 0m);
        return found;

        void Search(int from, decimal sum)
        {
            if (found.Count >= limit || ++nodes > NodeBudget)
            {
                return;
            }

            if (chosen.Count >= 2 && Math.Abs(sum - target) <= tolerance)
            {
                found.Add(chosen.Select(i => order[i]).Order().ToArray());
                return;
            }

            if (chosen.Count == maxSize || sum + suffix[from] < target - tolerance)
            {
                return;
            }

            for (var i = from; i < order.Length; i++)
            {
                var next = sum + amounts[order[i]];
                if (next > target + tolerance)
                {
                    continue;
                }

                chosen.Add(i);
                Search(i + 1, next);
                chosen.RemoveAt(chosen.Count - 1);
                if (found.Count >= limit || nodes > NodeBudget)
                {
                    return;
                }
            }
        }
    }
}
