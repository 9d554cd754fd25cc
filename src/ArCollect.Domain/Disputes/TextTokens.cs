namespace ArCollect.Domain.Disputes;

/// <summary>Words of line texts, for comparing what was sold: lower case, three letters or more, common words left out.</summary>
public static class TextTokens
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "per", "von", "und", "der", "die", "das", "des", "mit", "pcs", "unit", "units",
    };

    public static HashSet<string> Of(string? text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }

        foreach (var word in text.ToLowerInvariant().Split(c => !char.IsLetter(c)))
        {
            if (word.Length >= 3 && !Ignored.Contains(word))
            {
                tokens.Add(word);
            }
        }

        return tokens;
    }

    /// <summary>Shared words / all words (Jaccard), 0 when either side has none.</summary>
    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || isSeparator(text[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return [.. words];
    }
}
