using System.Globalization;

namespace ArCollect.Domain.Disputes;

/// <summary>A dispute as the suggester compares it; <see cref="Outcome"/> and the times are set for resolved ones.</summary>
public sealed record DisputeCase(
    Guid Id,
    string ReasonCode,
    string ReasonLabel,
    decimal Amount,
    string Currency,
    Guid CustomerId,
    string? Segment,
    string LineText,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt = null,
    DisputeOutcome? Outcome = null,
    decimal CreditedAmount = 0m);

public sealed record SimilarDispute(DisputeCase Case, double Score);

/// <summary>What the resolved disputes most like this one suggest, with the evidence in words.</summary>
public sealed record DisputeSuggestion(
    DisputeOutcome Outcome,
    int Agreeing,
    int Similar,
    double MedianDays,
    string Evidence,
    IReadOnlyDictionary<DisputeOutcome, int> Distribution,
    decimal? CreditAmount,
    IReadOnlyList<SimilarDispute> Cases);

/// <summary>How often the suggestion matched the outcome chosen, against always suggesting the most common outcome.</summary>
public sealed record HoldoutResult(int Hits, int Suggested, int Holdout, int BaselineHits, DisputeOutcome? Majority)
{
    public double? HitRate => Suggested == 0 ? null : (double)Hits / Suggested;

    public double? BaselineRate => Suggested == 0 ? null : (double)BaselineHits / Suggested;
}

/// <summary>
/// Finds the resolved disputes most like an open one (same reason first, then amount band, customer, segment and
/// line text) and suggests the outcome they vote for, each weighted by its similarity. Only disputes resolved before the open one was
/// opened count, so an evaluation on past data sees what a clerk would have seen.
/// </summary>
public static class DisputeSuggester
{
    public const int Neighbours = 25;
    public const int MinimumCases = 3;
    private static readonly decimal[] BandEdges = [100m, 500m, 1_000m, 5_000m, 20_000m];

    public static int Band(decimal amount) => BandEdges.Count(edge => amount >= edge);

    public static string BandWords(decimal amount, string currency)
    {
        var band = Band(amount);
        return band == BandEdges.Length
            ? $"from {BandEdges[^1].ToString("N0", CultureInfo.InvariantCulture)} {currency}"
            : $"under {BandEdges[band].ToString("N0", CultureInfo.InvariantCulture)} {currency}";
    }

    public static IReadOnlyList<SimilarDispute> Similar(DisputeCase open, IEnumerable<DisputeCase> resolved)
    {
        var words = TextTokens.Of(open.LineText);
        return resolved
            .Where(r => r.Outcome is not null && r.ResolvedAt is { } at && at <= open.OpenedAt && r.Id != open.Id
                && string.Equals(r.ReasonCode, open.ReasonCode, StringComparison.OrdinalIgnoreCase))
            .Select(r => new SimilarDispute(r, Score(open, words, r)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Case.ResolvedAt)
            .Take(Neighbours)
            .ToList();
    }

    public static DisputeSuggestion? Suggest(DisputeCase open, IEnumerable<DisputeCase> resolved)
    {
        var similar = Similar(open, resolved);
        if (similar.Count < MinimumCases)
        {
            return null;
        }

        var distribution = similar.GroupBy(s => s.Case.Outcome!.Value).ToDictionary(g => g.Key, g => g.Count());
        // Each similar dispute votes with weight 1 + its similarity, so the closest (this customer's, same products) count most.
        var best = distribution.OrderByDescending(d => similar.Where(s => s.Case.Outcome == d.Key).Sum(s => 1 + s.Score))
            .ThenByDescending(d => d.Value)
            .First();
        var agreeing = similar.Where(s => s.Case.Outcome == best.Key).ToList();
        var days = Median(agreeing.Select(s => (s.Case.ResolvedAt!.Value - s.Case.OpenedAt).TotalDays).ToList());
        decimal? credit = null;
        if (best.Key == DisputeOutcome.CreditNote)
        {
            var shares = agreeing.Where(s => s.Case.Amount > 0m).Select(s => (double)Math.Min(1m, s.Case.CreditedAmount / s.Case.Amount)).ToList();
            var share = shares.Count == 0 ? 1.0 : Median(shares);
            credit = Math.Round(open.Amount * (decimal)share, 2, MidpointRounding.AwayFromZero);
        }

        var evidence = $"{best.Value} of {similar.Count} similar {open.ReasonLabel.ToLowerInvariant()} disputes "
            + $"{BandWords(open.Amount, open.Currency)} ended in {OutcomeWords(best.Key)} "
            + $"within {DaysWords(days)} (median)."
            + (similar.Any(s => s.Case.CustomerId == open.CustomerId)
                ? SameCustomer(similar.Count(s => s.Case.CustomerId == open.CustomerId)) : "");
        return new DisputeSuggestion(best.Key, best.Value, similar.Count, days, evidence, distribution, credit, similar);
    }

    /// <summary>
    /// Replays the latest <paramref name="holdoutShare"/> of resolved disputes (by opening time): each is suggested from the
    /// disputes resolved before it was opened. The baseline always suggests the outcome most common before the holdout.
    /// </summary>
    public static HoldoutResult Evaluate(IReadOnlyList<DisputeCase> resolved, double holdoutShare = 0.2)
    {
        var ordered = resolved.Where(r => r.Outcome is not null).OrderBy(r => r.OpenedAt).ToList();
        var split = (int)Math.Round(ordered.Count * (1 - holdoutShare));
        var holdout = ordered.Skip(split).ToList();
        var majority = ordered.Take(split).GroupBy(r => r.Outcome).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var hits = 0;
        var suggested = 0;
        var baselineHitsWhereSuggested = 0;
        foreach (var test in holdout)
        {
            if (Suggest(test, ordered) is { } suggestion)
            {
                suggested++;
                hits += suggestion.Outcome == test.Outcome ? 1 : 0;
                baselineHitsWhereSuggested += majority == test.Outcome ? 1 : 0;
            }
        }

        return new HoldoutResult(hits, suggested, holdout.Count, baselineHitsWhereSuggested, majority);
    }

    public static string OutcomeWords(DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.CreditNote => "a credit note",
        DisputeOutcome.Rebill => "a corrected invoice",
        DisputeOutcome.Rejected => "a rejection",
        _ => "a write-off",
    };

    private static string SameCustomer(int count) =>
        count == 1 ? " 1 of them was this customer's." : $" {count} of them were this customer's.";

    private static string DaysWords(double days) =>
        days < 1.5 ? "1 day" : $"{Math.Round(days).ToString(CultureInfo.InvariantCulture)} days";

    private static double Score(DisputeCase open, HashSet<string> words, DisputeCase other) =>
        (Band(open.Amount) == Band(other.Amount) && open.Currency == other.Currency ? 1.0 : 0.0)
        + (open.CustomerId == other.CustomerId ? 1.5 : 0.0)
        + (open.Segment is not null && string.Equals(open.Segment, other.Segment, StringComparison.OrdinalIgnoreCase) ? 0.5 : 0.0)
        + (2.0 * TextTokens.Similarity(words, TextTokens.Of(other.LineText)));

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
