using System.Globalization;
using System.Text.RegularExpressions;
using ArCollect.Domain.Common;

namespace ArCollect.Domain.Invoices;

public enum TermsBasis
{
    /// <summary>Due a number of days after the issue date.</summary>
    Net,

    /// <summary>Due a number of days after the end of the issue month.</summary>
    EndOfMonth,
}

/// <summary>
/// Payment terms as data: "Net 30", "EOM", "EOM+15", and an optional early-payment discount in front,
/// as in "2/10 Net 30" (2 % off when paid within 10 days of the issue date, otherwise due in 30 days).
/// </summary>
public sealed partial record PaymentTerms(TermsBasis Basis, int Days, decimal DiscountPercent = 0m, int DiscountDays = 0)
{
    public const string Format = "\"Net 30\", \"EOM+15\" or \"2/10 Net 30\"";

    public static PaymentTerms Net(int days) => new(TermsBasis.Net, days);

    public bool HasDiscount => DiscountPercent > 0m;

    public DateOnly DueDate(DateOnly issueDate) => Basis switch
    {
        TermsBasis.EndOfMonth => new DateOnly(issueDate.Year, issueDate.Month, 1).AddMonths(1).AddDays(-1 + Days),
        _ => issueDate.AddDays(Days),
    };

    /// <summary>The last day a payment still earns the discount, or null when the terms offer none.</summary>
    public DateOnly? DiscountDeadline(DateOnly issueDate) => HasDiscount ? issueDate.AddDays(DiscountDays) : null;

    /// <summary>The discount on an invoice total, rounded to the currency's minor units (cents, whole yen).</summary>
    public decimal DiscountOn(decimal total, string? currency = null) => Money.Round(total * DiscountPercent / 100m, currency);

    public override string ToString()
    {
        var basis = Basis == TermsBasis.Net ? $"Net {Days}" : Days == 0 ? "EOM" : $"EOM+{Days}";
        return HasDiscount
            ? string.Create(CultureInfo.InvariantCulture, $"{DiscountPercent:0.##}/{DiscountDays} {basis}")
            : basis;
    }

    public static bool TryParse(string? text, out PaymentTerms terms)
    {
        terms = Net(30);
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var basis = match.Groups["net"].Success ? TermsBasis.Net : TermsBasis.EndOfMonth;
        var days = int.Parse(match.Groups[basis == TermsBasis.Net ? "net" : "eom"].Value is { Length: > 0 } d ? d : "0", CultureInfo.InvariantCulture);
        var percent = match.Groups["pct"].Success ? decimal.Parse(match.Groups["pct"].Value, CultureInfo.InvariantCulture) : 0m;
        var discountDays = match.Groups["ddays"].Success ? int.Parse(match.Groups["ddays"].Value, CultureInfo.InvariantCulture) : 0;
        if (days > 365 || percent >= 100m || (percent > 0m && discountDays > days && basis == TermsBasis.Net))
        {
            return false;
        }

        terms = new PaymentTerms(basis, days, percent, discountDays);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<pct>\d{1,2}(?:\.\d{1,2})?)/(?<ddays>\d{1,3})\s+)?(?:[Nn][Ee][Tt]\s*(?<net>\d{1,3})|[Ee][Oo][Mm](?:\s*\+\s*(?<eom>\d{1,3}))?)$")]
    private static partial Regex Pattern();
}
