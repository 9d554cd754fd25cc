using System.Globalization;
using System.Text.RegularExpressions;

namespace ArCollect.Domain.Invoices;

/// <summary>
/// A tenant's numbering pattern such as <c>INV-{yyyy}-{seq:00000}</c>. The text around <c>{seq}</c>, with the date
/// filled in, is the counter's scope: a pattern with <c>{yyyy}</c> starts again at 1 each year.
/// </summary>
public static partial class InvoiceNumberPattern
{
    public const string Default = "INV-{yyyy}-{seq:00000}";
    public const string DefaultCreditNote = "CN-{yyyy}-{seq:00000}";

    /// <summary>Null when valid, else what is wrong and how to fix it.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "Enter a numbering pattern such as INV-{yyyy}-{seq:00000}.";
        }

        if (SeqToken().Count(pattern) != 1)
        {
            return "The pattern needs exactly one {seq} (or {seq:00000} for leading zeros).";
        }

        var sample = Render(pattern, new DateOnly(2026, 12, 31), 99999);
        return sample.Length > 50 || !ValidNumber().IsMatch(sample)
            ? "The pattern may use letters, digits, / _ . - and the tokens {yyyy}, {yy}, {MM}, {seq}; numbers stay under 50 characters."
            : null;
    }

    /// <summary>The part of the number that does not change with the sequence: the counter's key.</summary>
    public static string Scope(string pattern, DateOnly issueDate) => FillDate(SeqToken().Replace(pattern, "{seq}"), issueDate);

    public static string Render(string pattern, DateOnly issueDate, long sequence) =>
        SeqToken().Replace(FillDate(pattern, issueDate), m =>
            sequence.ToString(m.Groups["fmt"].Success ? m.Groups["fmt"].Value : "0", CultureInfo.InvariantCulture));

    /// <summary>
    /// A PostgreSQL regular expression matching the numbers of one scope whatever their zero padding; its one group is
    /// the sequence (at most 18 digits, so it always fits a bigint).
    /// </summary>
    public static string ScopeRegex(string pattern, DateOnly issueDate)
    {
        var (before, after) = Split(FillDate(pattern, issueDate));
        return $"^{Literal(before)}([0-9]{{1,18}}){Literal(after)}$";
    }

    /// <summary>
    /// A PostgreSQL regular expression matching the pattern's numbers of any date, with three groups: the text before
    /// the sequence, the sequence and the text after it (so group 1 + "{seq}" + group 3 is the number's scope).
    /// </summary>
    public static string ShapeRegex(string pattern)
    {
        var (before, after) = Split(pattern);
        return $"^({Shape(before)})([0-9]{{1,18}})({Shape(after)})$";
    }

    /// <summary>The sequence of <paramref name="number"/> when it belongs to the scope, whatever its zero padding; else null.</summary>
    public static long? Sequence(string pattern, DateOnly issueDate, string number)
    {
        var (before, after) = Split(FillDate(pattern, issueDate));
        if (number.Length <= before.Length + after.Length
            || !number.StartsWith(before, StringComparison.Ordinal) || !number.EndsWith(after, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = number[before.Length..^after.Length];
        return digits.Length <= 18 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    private static (string Before, string After) Split(string pattern)
    {
        var seq = SeqToken().Match(pattern);
        return (pattern[..seq.Index], pattern[(seq.Index + seq.Length)..]);
    }

    // Patterns hold letters, digits and / _ . - only; a backslash before a non-alphanumeric character makes it literal.
    private static string Literal(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\" + c));

    private static string Shape(string text) => Literal(text)
        .Replace(@"\{yyyy\}", "[0-9]{4}", StringComparison.Ordinal)
        .Replace(@"\{yy\}", "[0-9]{2}", StringComparison.Ordinal)
        .Replace(@"\{MM\}", "[0-9]{2}", StringComparison.Ordinal);

    private static string FillDate(string pattern, DateOnly date) => pattern
        .Replace("{yyyy}", date.Year.ToString("0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{yy}", (date.Year % 100).ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{MM}", date.Month.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [GeneratedRegex(@"\{seq(?::(?<fmt>0+))?\}")]
    private static partial Regex SeqToken();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/_.-]*$")]
    private static partial Regex ValidNumber();
}
