using System.Globalization;
using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Imports;

/// <summary>One CSV row of an invoice import: an invoice line, with its invoice's header fields repeated on each line.</summary>
public sealed record InvoiceImportRow(
    int Row, bool Valid, string Number, string CustomerExternalId, DateOnly IssueDate, DateOnly DueDate, string Currency,
    string? Terms, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate)
{
    public const string NumberColumn = "invoice_number";
    public const string CustomerColumn = "customer_external_id";

    public static readonly string[] Required = [NumberColumn, CustomerColumn, "issue_date", "currency", "description", "quantity", "unit_price"];
    public static readonly string[] Optional = ["due_date", "terms", "tax_rate"];

    /// <summary>Parses a row; problems go to <paramref name="errors"/> and the row comes back marked invalid.</summary>
    internal static InvoiceImportRow Parse(int row, Func<string, string?> field, List<ImportError> errors)
    {
        var before = errors.Count;
        string Text(string column, bool required)
        {
            var value = field(column)?.Trim() ?? "";
            if (value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                errors.Add(new(row, column, "The text is not valid UTF-8: save the file as \"CSV UTF-8\" and import it again."));
            }
            else if (required && value.Length == 0)
            {
                errors.Add(new(row, column, $"Enter a value for {column}."));
            }
            else if (value.Length > ImportLimits.MaxFieldLength)
            {
                errors.Add(new(row, column, $"The value is longer than {ImportLimits.MaxFieldLength} characters: shorten it."));
            }

            return value;
        }

        DateOnly? Date(string column, bool required)
        {
            var text = Text(column, required);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(new(row, column, $"\"{text}\" is not a date: write dates as yyyy-MM-dd, e.g. 2026-06-30."));
            return null;
        }

        decimal Number(string column, bool required, decimal fallback)
        {
            var text = Text(column, required);
            if (text.Length == 0)
            {
                return fallback;
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors.Add(new(row, column, $"\"{text}\" is not a number: use a point for decimals and no thousands separators, e.g. 1234.50."));
            return fallback;
        }

        var number = Text(NumberColumn, required: true);
        if (number.Length > 50)
        {
            errors.Add(new(row, NumberColumn, "Invoice numbers have at most 50 characters."));
        }

        var customer = Text(CustomerColumn, required: true);
        var issue = Date("issue_date", required: true);
        var due = Date("due_date", required: false);
        var currency = Text("currency", required: true).ToUpperInvariant();
        if (currency.Length > 0 && !CurrencyCodes.IsKnown(currency))
        {
            errors.Add(new(row, "currency", $"\"{currency}\" is not an ISO 4217 currency code: use e.g. EUR or USD."));
        }

        var terms = Text("terms", required: false);
        var parsedTerms = PaymentTerms.Net(30);
        if (terms.Length > 0 && !PaymentTerms.TryParse(terms, out parsedTerms))
        {
            errors.Add(new(row, "terms", $"\"{terms}\" are not terms we understand: write them like {PaymentTerms.Format}."));
        }

        if (due is null && terms.Length == 0 && issue is not null)
        {
            errors.Add(new(row, "due_date", "Enter a due date, or terms from which it follows."));
        }

        var description = Text("description", required: true);
        var quantity = Number("quantity", required: true, 0m);
        if (quantity <= 0m && errors.Count == before)
        {
            errors.Add(new(row, "quantity", "Quantity must be more than zero; import returns as credit notes instead."));
        }

        var unitPrice = Number("unit_price", required: true, 0m);
        if (unitPrice < 0m)
        {
            errors.Add(new(row, "unit_price", "Unit price cannot be negative."));
        }

        var taxRate = Number("tax_rate", required: false, 0m);
        if (taxRate is < 0m or > 100m)
        {
            errors.Add(new(row, "tax_rate", "Tax rate is a percentage between 0 and 100."));
        }

        if (due is { } d && issue is { } i && d < i)
        {
            errors.Add(new(row, "due_date", "The due date is before the issue date: correct one of them."));
        }

        var issueDate = issue ?? default;
        return new InvoiceImportRow(row, errors.Count == before, number, customer, issueDate,
            due ?? (issue is null ? default : parsedTerms.DueDate(issueDate)), currency, terms.Length == 0 ? null : parsedTerms.ToString(),
            description, quantity, unitPrice, taxRate);
    }
}
