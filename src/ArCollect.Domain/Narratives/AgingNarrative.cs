using ArCollect.Domain.Disputes;

namespace ArCollect.Domain.Narratives;

/// <summary>One row of an aging table in the base currency: a group's (or a customer's) amount per bucket.</summary>
public sealed record AgingLine(string Key, string Label, IReadOnlyList<decimal> Amounts)
{
    public decimal Total => Amounts.Sum();
}

/// <summary>The disputed part of open invoices in one bucket for one reason, in the base currency.</summary>
public sealed record DisputedCell(int Bucket, DisputeReason Reason, decimal Amount);

/// <summary>
/// What the aging page already has (the table by its grouping, the totals, the customers with the most in the oldest
/// bucket) plus the disputed amounts per bucket and reason, which exist only for today.
/// </summary>
public sealed record AgingNarrativeInput(
    IReadOnlyList<string> BucketLabels,
    AgingLine Totals,
    IReadOnlyList<int> TotalCounts,
    string GroupName,
    bool GroupedByCustomer,
    IReadOnlyList<AgingLine> Groups,
    IReadOnlyList<AgingLine> TopCustomers,
    IReadOnlyList<DisputedCell>? Disputed,
    string BaseCurrency);

/// <summary>Links to the invoices behind a cell: a group of the page's grouping (null: all) or a customer, and a bucket (null: all).</summary>
public sealed record AgingNarrativeLinks(Func<string?, int?, string> Cell, Func<string, int?, string> Customer, Func<DisputeReason, string> Disputes);

/// <summary>
/// The aging page's opening sentences. Each is about an amount, and its effect is that amount's share of all open
/// receivables: the overdue part, the oldest bucket, the few customers who hold most of the oldest bucket, the group
/// that holds most of the overdue amount, and how much of the oldest bucket is disputed and why.
/// </summary>
public static class AgingNarrative
{
    public const int ConcentrationCustomers = 3;

    /// <summary>Named customers are worth a sentence when they hold at least this share of the oldest bucket.</summary>
    public const decimal ConcentrationShare = 0.5m;

    /// <summary>A group is named when it holds at least this share of the overdue amount (and there are several).</summary>
    public const decimal GroupShare = 0.3m;

    /// <summary>The disputed part of the oldest bucket is worth a sentence from this share on.</summary>
    public const decimal DisputedShare = 0.1m;

    /// <summary>A reason is "mostly" the cause when it holds at least this share of the disputed amount.</summary>
    public const decimal MostlyShare = 0.5m;

    public static IReadOnlyList<NarrativeSentence> Compose(AgingNarrativeInput input, AgingNarrativeLinks links)
    {
        var total = input.Totals.Total;
        if (total <= 0m)
        {
            return [];
        }

        var last = input.BucketLabels.Count - 1;
        var oldestLabel = input.BucketLabels[last];
        var oldest = input.Totals.Amounts[last];
        var overdue = total - input.Totals.Amounts[0];
        var findings = new List<NarrativeSentence>();
        var money = (decimal amount) => Narrative.Money(input.BaseCurrency, amount);

        if (overdue > 0m)
        {
            var largest = Enumerable.Range(1, last).OrderByDescending(b => input.Totals.Amounts[b]).ThenBy(b => b).First();
            findings.Add(new("overdue", [
                new($"{Narrative.Percent(overdue / total)} of open receivables ({money(overdue)} of {money(total)}) is overdue"),
                new("; the largest overdue bucket is "),
                new($"{input.BucketLabels[largest]} days with {money(input.Totals.Amounts[largest])}", links.Cell(null, largest)),
                new("."),
            ], overdue / total));
        }
        else
        {
            findings.Add(new("current", [new("Nothing is overdue: all "), new(money(total), links.Cell(null, null)), new(" is current.")], 1m));
        }

        if (oldest > 0m)
        {
            findings.Add(new("oldest", [
                new($"{money(oldest)} ({Narrative.Percent(oldest / total)}) is "),
                new($"{oldestLabel} days past due, in {Narrative.Count(input.TotalCounts[last], "invoice", "invoices")}", links.Cell(null, last)),
                new("."),
            ], oldest / total));

            var top = input.TopCustomers.Where(c => c.Amounts[last] > 0m).OrderByDescending(c => c.Amounts[last])
                .ThenBy(c => c.Label, StringComparer.Ordinal).Take(ConcentrationCustomers).ToList();
            var held = top.Sum(c => c.Amounts[last]);
            if (top.Count > 0 && held / oldest >= ConcentrationShare)
            {
                var names = top.Select(c => new NarrativePart(c.Label, links.Customer(c.Key, last))).ToList();
                findings.Add(new("concentration", [
                    new($"{Narrative.Number(top.Count)} {(top.Count == 1 ? "customer holds" : "customers hold")} {Narrative.Percent(held / oldest)} of {oldestLabel}: "),
                    .. Narrative.List(names),
                    new($" ({money(held)})."),
                ], held / total));
            }

            if (input.Disputed is { } disputed)
            {
                var inOldest = disputed.Where(d => d.Bucket == last).GroupBy(d => d.Reason)
                    .Select(g => (Reason: g.Key, Amount: g.Sum(d => d.Amount))).OrderByDescending(r => r.Amount).ThenBy(r => r.Reason).ToList();
                var disputedOldest = inOldest.Sum(r => r.Amount);
                if (disputedOldest / oldest >= DisputedShare)
                {
                    var reason = inOldest[0];
                    var reasonShare = reason.Amount / disputedOldest;
                    var why = reasonShare >= MostlyShare ? $"mostly {ReasonLabel(reason.Reason)}"
                        : $"the largest reason is {ReasonLabel(reason.Reason)} ({Narrative.Percent(reasonShare)})";
                    findings.Add(new("disputed", [
                        new($"{Narrative.Percent(disputedOldest / oldest)} of {oldestLabel} ({money(disputedOldest)}) is "),
                        new($"disputed, {why}", links.Disputes(reason.Reason)),
                        new("."),
                    ], disputedOldest / total));
                }
            }
        }

        if (!input.GroupedByCustomer && input.Groups.Count > 1 && overdue > 0m)
        {
            var group = input.Groups.Select(g => (Line: g, Overdue: g.Total - g.Amounts[0]))
                .OrderByDescending(g => g.Overdue).ThenBy(g => g.Line.Label, StringComparer.Ordinal).First();
            var share = group.Overdue / overdue;
            if (share >= GroupShare)
            {
                findings.Add(new("group", [
                    new($"{input.GroupName} "),
                    new(group.Line.Label, links.Cell(group.Line.Key, null)),
                    new($" holds {Narrative.Percent(share)} of the overdue amount ({money(group.Overdue)})."),
                ], group.Overdue / total));
            }
        }

        var current = input.Totals.Amounts[0];
        NarrativeSentence[] fillers = current > 0m && overdue > 0m
            ? [new("current", [new($"{money(current)} ({Narrative.Percent(current / total)}) is "), new("current, not yet due", links.Cell(null, 0)), new(".")], current / total)]
            : [];
        return Narrative.Choose(findings, fillers);
    }

    private static string ReasonLabel(DisputeReason reason) =>
        DisputeReasonCodes.DefaultLabel(DisputeReasonCodes.DefaultCode(reason)).ToLowerInvariant();
}

/// <summary>An open invoice's disputed amount with the reason of its largest live dispute, as read from the database.</summary>
public sealed record DisputedInvoiceAmount(string Currency, DateOnly DueDate, DisputeReason Reason, decimal Amount);

public static class DisputedCells
{
    /// <summary>Buckets each disputed amount by its due date as of the day and converts it at that day's rate (no rate: left out).</summary>
    public static IReadOnlyList<DisputedCell> From(IEnumerable<DisputedInvoiceAmount> rows, DateOnly asOf, Common.AgingBuckets buckets, Common.CurrencyConverter converter) =>
        rows.Select(r => (r, Base: converter.ToBase(r.Amount, r.Currency, asOf)))
            .Where(x => x.Base is not null)
            .GroupBy(x => (Bucket: buckets.IndexFor(x.r.DueDate, asOf), x.r.Reason))
            .Select(g => new DisputedCell(g.Key.Bucket, g.Key.Reason, g.Sum(x => x.Base!.Value)))
            .ToList();
}
