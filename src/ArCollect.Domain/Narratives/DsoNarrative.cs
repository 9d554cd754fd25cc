namespace ArCollect.Domain.Narratives;

/// <summary>
/// The words that explain a DSO change (<see cref="DsoAttribution"/>): which customers moved it, how much the sales
/// pace did, and, in a sentence of its own, the region or segment whose customers explain most of it.
/// </summary>
public static class DsoNarrative
{
    /// <summary>At most this many customers are named.</summary>
    public const int MaxCustomers = 3;

    /// <summary>Customers are added, largest first, until they explain this share of the change.</summary>
    public const decimal EnoughShare = 0.5m;

    /// <summary>The named customers are worth a clause when they explain at least this share of the change.</summary>
    public const decimal CustomerShare = 0.25m;

    /// <summary>The sales pace is worth a clause when it moved DSO by at least this share of the change.</summary>
    public const decimal SalesShare = 0.25m;

    /// <summary>A region or segment is named when its customers explain at least this share of the change.</summary>
    public const decimal GroupShare = 0.5m;

    /// <summary>
    /// "; two key accounts in North account for 4.5 of the 7.4 days (61 %): Alpha (3.0 days) and Beta (1.5); lower
    /// sales per day added 3.9 days", to follow "DSO rose 7.4 days in November 2026, from 15.5 to 22.9".
    /// </summary>
    public static IReadOnlyList<NarrativePart> Clauses(DsoAttribution attribution, KpiNarrativeLinks links)
    {
        var parts = new List<NarrativePart>();
        var change = attribution.Change;
        if (Math.Round(change, 1) == 0m)
        {
            return parts;
        }

        var drivers = attribution.Drivers(MaxCustomers, EnoughShare);
        var explained = drivers.Sum(d => d.Days);
        if (drivers.Count > 0 && explained / change >= CustomerShare)
        {
            var keyAccounts = drivers.All(d => d.Customer.KeyAccount);
            var region = drivers.Select(d => d.Customer.Region).Distinct(StringComparer.Ordinal).ToList();
            var who = $"{Narrative.Number(drivers.Count).ToLowerInvariant()} "
                + (keyAccounts ? (drivers.Count == 1 ? "key account" : "key accounts") : (drivers.Count == 1 ? "customer" : "customers"))
                + (region is [{ Length: > 0 } only] ? $" in {only}" : "");
            var verb = drivers.Count == 1 ? "accounts for" : "account for";
            var share = explained / change;
            parts.Add(new(share <= 1m
                ? $"; {who} {verb} {Narrative.One(Math.Abs(explained))} of the {Narrative.One(Math.Abs(change))} days ({Narrative.Percent(share)}): "
                : $"; {who} {verb} {Narrative.One(Math.Abs(explained))} days, more than the whole change: "));
            for (var i = 0; i < drivers.Count; i++)
            {
                if (i > 0)
                {
                    parts.Add(new(i == drivers.Count - 1 ? " and " : ", "));
                }

                var days = Narrative.One(Math.Abs(drivers[i].Days));
                parts.Add(new(drivers[i].Customer.Name, links.Customer?.Invoke(drivers[i].Customer.CustomerId)));
                parts.Add(new(i == 0 ? $" ({days} days)" : $" ({days})"));
            }
        }

        var sales = attribution.SalesEffect;
        if (Math.Abs(sales) >= SalesShare * Math.Abs(change) && Math.Round(sales, 1) != 0m)
        {
            parts.Add(new(sales > 0m
                ? $"; lower sales per day added {Narrative.One(sales)} days"
                : $"; higher sales per day took {Narrative.One(-sales)} days off"));
        }

        return parts;
    }

    /// <summary>
    /// "Customers in region South account for 5.0 of the 7.4 days DSO rose in November 2026 (68 %)." when the customers
    /// of one region (or else one segment) explain at least <see cref="GroupShare"/> of the change and more of them
    /// moved it than the DSO sentence names. Its effect is the DSO sentence's, scaled by that share.
    /// </summary>
    public static NarrativeSentence? GroupSentence(DsoAttribution attribution, string period, decimal dsoEffect, KpiNarrativeLinks links)
    {
        var change = attribution.Change;
        if (Math.Round(change, 1) == 0m)
        {
            return null;
        }

        var drivers = attribution.Drivers(MaxCustomers, EnoughShare);
        var named = drivers.Count > 0 && drivers.Sum(d => d.Days) / change >= CustomerShare ? drivers : [];
        (string Dimension, string Group, decimal Days, decimal Share)? best = null;
        foreach (var (dimension, of) in new (string, Func<CustomerArChange, string?>)[] { ("region", c => c.Region), ("segment", c => c.Segment) })
        {
            var groups = attribution.By(of);
            if (groups.Count < 2)
            {
                continue;
            }

            var (group, days, customers) = groups[0];
            var share = days / change;
            var alreadyNamed = named.Count(d => string.Equals(of(d.Customer), group, StringComparison.Ordinal));
            if (share >= GroupShare && customers > alreadyNamed && (best is null || share > best.Value.Share))
            {
                best = (dimension, group, days, share);
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var direction = change > 0m ? "rose" : "fell";
        var link = links.Group?.Invoke(found.Dimension, found.Group);
        var tail = found.Share <= 1m
            ? $" account for {Narrative.One(Math.Abs(found.Days))} of the {Narrative.One(Math.Abs(change))} days DSO {direction} in {period} ({Narrative.Percent(found.Share)})."
            : $" {(change > 0m ? "added" : "took off")} {Narrative.One(Math.Abs(found.Days))} days, more than the whole change of DSO in {period}.";
        return new NarrativeSentence(
            "dso-" + found.Dimension,
            [new($"Customers in {found.Dimension} {found.Group}", link), new(tail)],
            dsoEffect * Math.Min(found.Share, 1m));
    }
}
