namespace ArCollect.Domain.Common;

/// <summary>
/// Aging buckets with configurable edges. <see cref="Edges"/> are the last day past due of each bucket after
/// Current: the standard [30, 60, 90] gives Current, 1-30, 31-60, 61-90 and 90+ (more than 90 days past due).
/// </summary>
public sealed record AgingBuckets
{
    private AgingBuckets(IReadOnlyList<int> edges) => Edges = edges;

    public static AgingBuckets Standard { get; } = new([30, 60, 90]);

    public IReadOnlyList<int> Edges { get; }

    /// <summary>Current, one bucket per edge, and the open-ended last bucket.</summary>
    public int Count => Edges.Count + 2;

    public int LastIndex => Count - 1;

    public static AgingBuckets Create(IEnumerable<int> edges)
    {
        var list = edges.ToList();
        var error = Validate(list);
        return error is null ? new AgingBuckets(list) : throw new ArgumentException(error, nameof(edges));
    }

    /// <summary>Parses "30, 60, 90"; returns an error message instead of throwing, for forms.</summary>
    public static (AgingBuckets? Buckets, string? Error) TryParse(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var edges = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var edge))
            {
                return (null, $"'{part}' is not a whole number of days.");
            }

            edges.Add(edge);
        }

        var error = Validate(edges);
        return error is null ? (new AgingBuckets(edges), null) : (null, error);
    }

    public int IndexFor(int daysPastDue)
    {
        if (daysPastDue <= 0)
        {
            return 0;
        }

        for (var i = 0; i < Edges.Count; i++)
        {
            if (daysPastDue <= Edges[i])
            {
                return i + 1;
            }
        }

        return LastIndex;
    }

    public int IndexFor(DateOnly dueDate, DateOnly asOf) => IndexFor(Aging.DaysPastDue(dueDate, asOf));

    public string Label(int index) => index switch
    {
        0 => "Current",
        _ when index == LastIndex => $"{Edges[^1]}+",
        _ => $"{(index == 1 ? 1 : Edges[index - 2] + 1)}-{Edges[index - 1]}",
    };

    public IReadOnlyList<string> Labels => Enumerable.Range(0, Count).Select(Label).ToList();

    /// <summary>The due-date range (inclusive) of a bucket as of a date, for querying the invoices behind a cell.</summary>
    public (DateOnly? From, DateOnly? To) DueDateRange(int index, DateOnly asOf)
    {
        if (index == 0)
        {
            return (asOf, null);
        }

        var to = asOf.AddDays(index == 1 ? -1 : -(Edges[index - 2] + 1));
        return index == LastIndex ? (null, to) : (asOf.AddDays(-Edges[index - 1]), to);
    }

    public override string ToString() => string.Join(", ", Edges);

    public bool Equals(AgingBuckets? other) => other is not null && Edges.SequenceEqual(other.Edges);

    public override int GetHashCode() => Edges.Aggregate(17, (h, e) => (h * 31) + e);

    private static string? Validate(List<int> edges)
    {
        if (edges.Count is < 1 or > 8)
        {
            return "Give between 1 and 8 bucket edges, e.g. 30, 60, 90.";
        }

        if (edges[0] < 1)
        {
            return "The first edge must be at least 1 day.";
        }

        for (var i = 1; i < edges.Count; i++)
        {
            if (edges[i] <= edges[i - 1])
            {
                return "Edges must increase, e.g. 30, 60, 90.";
            }
        }

        return edges[^1] > 3650 ? "Edges must be at most 3650 days." : null;
    }
}
