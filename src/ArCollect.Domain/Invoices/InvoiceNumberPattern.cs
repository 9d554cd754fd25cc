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

    private static string FillDate(string pattern, DateOnly date) => pattern
        .Replace("{yyyy}", date.Year.ToString("0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{yy}", (date.Year % 100).ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{MM}", date.Month.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [GeneratedRegex(@"\{seq(?::(?<fmt>0+))?\}")]
    private static partial Regex SeqToken();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/_.-]*$")]
    private static partial Regex ValidNumber();
}
