namespace ArCollect.Domain.Disputes;

/// <summary>A past dispute of the customer, with the texts of the lines it covered.</summary>
public sealed record PastDispute(string ReasonCode, string ReasonLabel, DateOnly OpenedOn, IReadOnlyList<string> LineTexts);

/// <summary>
/// Warns before an invoice goes out when the customer has disputed the same products for the same reason again and
/// again: at least <see cref="Threshold"/> disputes of one reason in <see cref="Months"/> months whose lines share a
/// word with a line of the new invoice.
/// </summary>
public static class DisputeRisk
{
    public const int Threshold = 3;
    public const int Months = 6;

    public static IReadOnlyList<string> Warnings(IEnumerable<string> invoiceLineTexts, IEnumerable<PastDispute> past, DateOnly today)
    {
        var since = today.AddMonths(-Months);
        var lines = invoiceLineTexts.Select(t => (Text: t, Words: TextTokens.Of(t))).Where(l => l.Words.Count > 0).ToList();
        var warnings = new List<string>();
        foreach (var reason in past.Where(p => p.OpenedOn > since && p.OpenedOn <= today).GroupBy(p => p.ReasonCode))
        {
            var label = reason.First().ReasonLabel.ToLowerInvariant();
            var disputed = reason.Select(d => d.LineTexts.SelectMany(TextTokens.Of).ToHashSet(StringComparer.Ordinal)).ToList();

            // The invoice line most often disputed for this reason, named by its words the disputes share.
            var best = lines
                .Select(l => (Line: l, Count: disputed.Count(words => words.Overlaps(l.Words)),
                    Shared: l.Text.ToLowerInvariant().Split(' ', ',', ';', '-', '/').Where(w => l.Words.Contains(w) && disputed.Count(d => d.Contains(w)) >= Threshold).Distinct().ToList()))
                .Where(x => x.Count >= Threshold && x.Shared.Count > 0)
                .OrderByDescending(x => x.Count).ThenBy(x => x.Line.Text, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Line.Text is null)
            {
                continue;
            }

            warnings.Add($"{best.Count} {label} disputes on {string.Join(' ', best.Shared)} in {Months} months from this customer (line \"{best.Line.Text}\"): check it before sending.");
        }

        return warnings;
    }
}
