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
            var byWord = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var dispute in reason)
            {
                var words = dispute.LineTexts.SelectMany(TextTokens.Of).ToHashSet(StringComparer.Ordinal);
                foreach (var word in lines.SelectMany(l => l.Words).Distinct().Where(words.Contains))
                {
                    byWord[word] = byWord.GetValueOrDefault(word) + 1;
                }
            }

            var top = byWord.Where(w => w.Value >= Threshold).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).FirstOrDefault();
            if (top.Key is null)
            {
                continue;
            }

            var line = lines.First(l => l.Words.Contains(top.Key)).Text;
            warnings.Add($"{top.Value} {label} disputes on {top.Key} in {Months} months from this customer (line \"{line}\"): check it before sending.");
        }

        return warnings;
    }
}
