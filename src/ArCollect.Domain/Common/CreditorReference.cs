using System.Globalization;
using System.Text;

namespace ArCollect.Domain.Common;

/// <summary>
/// The ISO 11649 structured creditor reference ("RF" + two check digits + up to 21 letters or digits) that a
/// customer quotes with a transfer, so the payment can be matched to its invoice without reading free text.
/// </summary>
public static class CreditorReference
{
    public const int MaxReferenceLength = 21;

    /// <summary>
    /// The RF reference for an invoice number: its letters and digits upper-cased, the last 21 kept when longer
    /// (numbers grow at the end), check digits per ISO 11649. Null when the number has no letters or digits.
    /// </summary>
    public static string? FromInvoiceNumber(string invoiceNumber)
    {
        var body = new StringBuilder();
        foreach (var c in invoiceNumber.ToUpperInvariant())
        {
            if (c is >= '0' and <= '9' or >= 'A' and <= 'Z')
            {
                body.Append(c);
            }
        }

        if (body.Length == 0)
        {
            return null;
        }

        var reference = body.Length > MaxReferenceLength ? body.ToString(body.Length - MaxReferenceLength, MaxReferenceLength) : body.ToString();
        var check = 98 - Mod97.Remainder(reference + "RF00");
        return "RF" + check.ToString("00", CultureInfo.InvariantCulture) + reference;
    }

    /// <summary>Whether a reference (spaces allowed) is a well-formed RF reference whose check digits hold.</summary>
    public static bool IsValid(string? reference)
    {
        var compact = Compact(reference);
        if (compact.Length < 5 || compact.Length > 25 || !compact.StartsWith("RF", StringComparison.Ordinal)
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || !compact[4..].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            return false;
        }

        return Mod97.Remainder(compact[4..] + compact[..4]) == 1;
    }

    /// <summary>Groups of four for print, as banks show it: "RF18 5390 0754 7034".</summary>
    public static string Format(string reference) => Grouped(Compact(reference));

    internal static string Compact(string? value) =>
        string.Concat((value ?? "").Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    internal static string Grouped(string compact) =>
        string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - (i * 4)))));
}
