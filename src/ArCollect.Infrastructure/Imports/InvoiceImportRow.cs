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
        var f = new RowFields(row, field, errors);
        var number = f.Text(NumberColumn, required: true);
        if (number.Length > 50)
        {
            f.Problem(NumberColumn, "Invoice numbers have at most 50 characters.");
        }

        var customer = f.Text(CustomerColumn, required: true);
        var issue = f.Date("issue_date", required: true);
        var due = f.Date("due_date", required: false);
        var currency = f.Text("currency", required: true).ToUpperInvariant();
        if (currency.Length > 0 && !CurrencyCodes.IsKnown(currency))
        {
            f.Problem("currency", $"\"{currency}\" is not an ISO 4217 currency code: use e.g. EUR or USD.");
        }

        var terms = f.Text("terms", required: false);
        var parsedTerms = PaymentTerms.Net(30);
        if (terms.Length > 0 && !PaymentTerms.TryParse(terms, out parsedTerms))
        {
            f.Problem("terms", $"\"{terms}\" are not terms we understand: write them like {PaymentTerms.Format}.");
        }

        if (due is null && terms.Length == 0 && issue is not null)
        {
            f.Problem("due_date", "Enter a due date, or terms from which it follows.");
        }

        var description = f.Text("description", required: true);
        var quantity = f.Number("quantity", required: true);
        if (quantity <= 0m)
        {
            f.Problem("quantity", "Quantity must be more than zero; import returns as credit notes instead.");
        }

        var unitPrice = f.Number("unit_price", required: true);
        if (unitPrice < 0m)
        {
            f.Problem("unit_price", "Unit price cannot be negative.");
        }

        var taxRate = f.Number("tax_rate", required: false) ?? 0m;
        if (taxRate is < 0m or > 100m)
        {
            f.Problem("tax_rate", "Tax rate is a percentage between 0 and 100.");
        }

        if (due is { } d && issue is { } i && d < i)
        {
            f.Problem("due_date", "The due date is before the issue date: correct one of them.");
        }

        var issueDate = issue ?? default;
        return new InvoiceImportRow(row, errors.Count == before, number, customer, issueDate,
            due ?? (issue is null ? default : parsedTerms.DueDate(issueDate)), currency, terms.Length == 0 ? null : parsedTerms.ToString(),
            description, quantity ?? 0m, unitPrice ?? 0m, taxRate);
    }
}
