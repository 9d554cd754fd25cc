using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.CashApplication;

/// <summary>A reference found in remittance text: the text as written, and its comparable key.</summary>
public sealed record FoundReference(string Text, string Key, string Raw);

/// <summary>
/// Reads invoice numbers and RF creditor references out of remittance text, tolerating what people type: spaces,
/// dashes and slashes inside the number, a missing prefix ("INV-"), leading zeros dropped, the letter O for zero and
/// I or l for one. Every reference becomes a key: the digit groups of its number-like tokens with leading zeros
/// dropped, so "INV-2026-00123", "2026/123" and "inv 2O26 OO123" all read "2026123".
/// </summary>
public static partial class ReferenceKeys
{
    /// <summary>Keys shorter than this are too easily found by chance in unrelated text.</summary>
    public const int MinimumKeyLength = 4;

    /// <summary>The comparable key of an invoice number (or of one token run of a remittance text); empty when it has no digits.</summary>
    public static string KeyOf(string text)
    {
        var key = new StringBuilder();
        foreach (Match token in Token().Matches(text))
        {
            AppendDigitGroups(key, Canonical(token.Value));
        }

        return key.ToString();
    }

    /// <summary>All digits of the number-like tokens as written, zeros kept: "INV2026000719" typed without separators reads "2026000719".</summary>
    public static string RawKeyOf(string text)
    {
        var key = new StringBuilder();
        foreach (Match token in Token().Matches(text))
        {
            foreach (Match group in DigitGroup().Matches(Canonical(token.Value)))
            {
                key.Append(group.Value);
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// The candidate keys in a remittance text: each run of one to three adjacent number-like tokens ("2026 00123"
    /// is one number typed with a space), so a number split by the payer's bank is still found.
    /// </summary>
    public static IReadOnlyList<FoundReference> Find(string? remittance)
    {
        if (string.IsNullOrWhiteSpace(remittance))
        {
            return [];
        }

        var tokens = Token().Matches(remittance).Select(m => (m.Value, Canonical: Canonical(m.Value))).ToList();
        var found = new List<FoundReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < tokens.Count; start++)
        {
            var key = new StringBuilder();
            var raw = new StringBuilder();
            var text = new StringBuilder();
            for (var length = 0; length < 3 && start + length < tokens.Count; length++)
            {
                var token = tokens[start + length];
                if (!token.Canonical.Any(char.IsAsciiDigit))
                {
                    // A prefix word such as "INV" may open a run but not continue one.
                    if (length > 0)
                    {
                        break;
                    }

                    text.Append(token.Value).Append(' ');
                    continue;
                }

                AppendDigitGroups(key, token.Canonical);
                foreach (Match group in DigitGroup().Matches(token.Canonical))
                {
                    raw.Append(group.Value);
                }

                text.Append(token.Value).Append(' ');
                if (key.Length >= MinimumKeyLength && seen.Add(key + "|" + raw))
                {
                    found.Add(new FoundReference(text.ToString().Trim(), key.ToString(), raw.ToString()));
                }
            }
        }

        return found;
    }

    /// <summary>The RF creditor references in a text (spaces allowed between groups), each with whether its check digits hold.</summary>
    public static IReadOnlyList<(string Reference, bool Valid)> FindCreditorReferences(string? remittance)
    {
        if (string.IsNullOrWhiteSpace(remittance))
        {
            return [];
        }

        return CreditorReferenceToken().Matches(remittance.ToUpperInvariant())
            .Select(m => Longest(CreditorReference.Compact(m.Value)))
            .Distinct(StringComparer.Ordinal)
            .Select(r => (r, CreditorReference.IsValid(r)))
            .ToList();
    }

    /// <summary>The longest prefix that is a valid RF reference (the text may run on after it), else the whole.</summary>
    private static string Longest(string compact)
    {
        for (var length = compact.Length; length >= 5; length--)
        {
            if (CreditorReference.IsValid(compact[..length]))
            {
                return compact[..length];
            }
        }

        return compact;
    }

    /// <summary>
    /// Whether a found reference is written as a calendar date within a year of <paramref name="near"/> (yyyyMMdd,
    /// dd.MM.yyyy or yyyy-MM-dd): payout batches and payers' own texts carry the day ("PAYOUT 20261130"), and with
    /// leading zeros dropped such a date reads like an invoice number ("INV-2026-001130" keys "20261130" too).
    /// </summary>
    public static bool ReadsAsDate(FoundReference found, DateOnly near)
    {
        // Written as a date: one run of eight digits, or day, month and year (or year, month and day) apart; a prefix
        // word may open the run ("PAYOUT 20261130"). "2026/1121" is a year and a number, not a date.
        if (found.Raw.Length != 8)
        {
            return false;
        }

        var shape = string.Join(',', found.Text.Split(' ').Where(t => t.Any(char.IsAsciiDigit)).Select(t => t.All(char.IsAsciiDigit) ? t.Length : -1));
        if (shape is not ("8" or "2,2,4" or "4,2,2"))
        {
            return false;
        }

        foreach (var format in (string[])["yyyyMMdd", "ddMMyyyy"])
        {
            if (DateOnly.TryParseExact(found.Raw, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && Math.Abs(day.DayNumber - near.DayNumber) <= 366)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The letters and digits sorted: equal for two keys that differ only by transposed characters.</summary>
    public static string Anagram(string key)
    {
        var chars = key.ToCharArray();
        Array.Sort(chars);
        return new string(chars);
    }

    /// <summary>Next to digits, the letters O, I and L read as 0 and 1 (typed or scanned wrongly); words stay words.</summary>
    private static string Canonical(string token) =>
        LookAlike().Replace(token.ToUpperInvariant(), m => m.Value.Replace('O', '0').Replace('I', '1').Replace('L', '1'));

    private static void AppendDigitGroups(StringBuilder key, string canonicalToken)
    {
        foreach (Match group in DigitGroup().Matches(canonicalToken))
        {
            var trimmed = group.Value.TrimStart('0');
            key.Append(trimmed.Length == 0 ? "0" : trimmed);
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex DigitGroup();

    [GeneratedRegex(@"(?<=[0-9])[OIL]{1,3}|[OIL]{1,3}(?=[0-9])")]
    private static partial Regex LookAlike();

    [GeneratedRegex(@"RF\s?[0-9]{2}(?:\s?(?!RF[0-9]{2})[A-Z0-9]{1,4}){1,6}")]
    private static partial Regex CreditorReferenceToken();
}
