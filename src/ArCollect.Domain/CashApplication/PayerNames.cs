using System.Globalization;
using System.Text;
using FuzzySharp;

namespace ArCollect.Domain.CashApplication;

/// <summary>
/// Compares the name on a bank transfer with customer names the way a clerk would: accents, case, punctuation, legal
/// suffixes (GmbH, Ltd, S.A....) and word order do not matter; a similarity from 0 to 100 (FuzzySharp's token-sort ratio).
/// </summary>
public static class PayerNames
{
    private static readonly HashSet<string> LegalSuffixes = new(StringComparer.Ordinal)
    {
        "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ek", "co", "cokg", "gbr", "se", "ltd", "limited", "llc", "llp", "lp", "inc",
        "corp", "corporation", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "oy", "ab",
        "as", "aps", "kft", "sro", "spzoo", "zoo", "sp", "pty", "the", "und", "and", "et", "y", "e", "cie",
    };

    /// <summary>The name reduced to its distinguishing words: lower case, accents and punctuation gone, legal forms dropped.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var decomposed = name.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(c switch
            {
                'ß' => "ss",
                'ø' or 'Ø' => "o",
                'æ' or 'Æ' => "ae",
                '&' or '+' => " ",
                '.' => "",
                _ when char.IsLetterOrDigit(c) => char.ToLowerInvariant(c).ToString(),
                _ => " ",
            });
        }

        var words = plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalSuffixes.Contains(w)).ToList();
        return string.Join(' ', words);
    }

    /// <summary>The distinguishing words of a name, for finding the customers worth comparing.</summary>
    public static IEnumerable<string> Words(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal);

    /// <summary>Similarity 0-100 of two normalized names, word order ignored.</summary>
    public static int Similarity(string normalizedA, string normalizedB) =>
        normalizedA.Length == 0 || normalizedB.Length == 0 ? 0 : Fuzz.TokenSortRatio(normalizedA, normalizedB);
}
