using System.Globalization;

namespace ArCollect.Domain.Narratives;

/// <summary>A piece of a sentence; a piece with a link points at the rows behind it.</summary>
public sealed record NarrativePart(string Text, string? Link = null);

/// <summary>
/// One sentence a dashboard opens with. <see cref="Effect"/> is the share of the whole the sentence is about (or the
/// relative size of the change it reports); sentences are chosen and ordered by it.
/// </summary>
public sealed record NarrativeSentence(string Key, IReadOnlyList<NarrativePart> Parts, decimal Effect)
{
    public string Text => string.Concat(Parts.Select(p => p.Text));
}

/// <summary>Shared choice and wording of narrative sentences.</summary>
public static class Narrative
{
    public const int MinSentences = 3;
    public const int MaxSentences = 5;

    /// <summary>
    /// The sentences with the largest effect first, at most <see cref="MaxSentences"/>; fillers (steady figures) only
    /// when fewer than <see cref="MinSentences"/> findings pass their thresholds.
    /// </summary>
    public static IReadOnlyList<NarrativeSentence> Choose(IEnumerable<NarrativeSentence> findings, IEnumerable<NarrativeSentence> fillers)
    {
        var chosen = findings.OrderByDescending(s => s.Effect).ThenBy(s => s.Key, StringComparer.Ordinal).Take(MaxSentences).ToList();
        foreach (var filler in fillers)
        {
            if (chosen.Count >= MinSentences)
            {
                break;
            }

            chosen.Add(filler);
        }

        return chosen;
    }

    public static string Money(string currency, decimal amount) =>
        $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";

    /// <summary>A share 0..1 as a whole percent, "62 %".</summary>
    public static string Percent(decimal share) =>
        $"{Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)} %";

    public static string One(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Count(int n, string singular, string plural) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? singular : plural)}";

    /// <summary>"One", "Two", "Three" for small counts at the start of a sentence, digits beyond.</summary>
    public static string Number(int n) => n switch
    {
        1 => "One",
        2 => "Two",
        3 => "Three",
        4 => "Four",
        5 => "Five",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Interleaves linked names with ", " and " and ".</summary>
    public static IEnumerable<NarrativePart> List(IReadOnlyList<NarrativePart> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                yield return new NarrativePart(i == items.Count - 1 ? " and " : ", ");
            }

            yield return items[i];
        }
    }
}
