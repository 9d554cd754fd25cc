namespace ArCollect.Infrastructure.Imports;

/// <summary>Whose CSV layout a file is in: ours, or an accounting system's own export.</summary>
public enum AccountingLayout
{
    ArCollect,
    QuickBooksOnline,
    Xero,
}

/// <summary>How day and month are ordered in a file's dates (ISO dates, yyyy-MM-dd, are always understood).</summary>
public enum DateOrder
{
    DayFirst,
    MonthFirst,
}

/// <summary>One of our import columns and where an accounting system's file keeps it.</summary>
/// <param name="Target">Our column (as in the ArCollect layout).</param>
/// <param name="Sources">The system's header names, in order of preference (compared without case, spaces or a leading '*').</param>
/// <param name="Kind">How the value is converted.</param>
public sealed record LayoutColumn(string Target, string[] Sources, LayoutValue Kind = LayoutValue.Text, bool Required = false);

public enum LayoutValue
{
    Text,
    Date,
    Number,

    /// <summary>A tax rate written inside a tax code's name, e.g. "20% (VAT on Income)" or "GST 10%".</summary>
    TaxRateInName,
}

/// <summary>
/// The column layouts of QuickBooks Online's and Xero's own invoice and contact files, as presets of the import page.
/// Where the names come from is in docs/ledger.md ("Accounting files").
/// </summary>
public static class AccountingLayouts
{
    public static DateOrder DefaultDateOrder(AccountingLayout layout) => layout == AccountingLayout.QuickBooksOnline ? DateOrder.MonthFirst : DateOrder.DayFirst;

    public static string Name(AccountingLayout layout) => layout switch
    {
        AccountingLayout.QuickBooksOnline => "QuickBooks Online",
        AccountingLayout.Xero => "Xero",
        _ => "ArCollect",
    };

    /// <summary>The columns of an invoice file (one row per invoice line); null when the layout has none for this kind.</summary>
    public static IReadOnlyList<LayoutColumn>? Invoices(AccountingLayout layout) => layout switch
    {
        AccountingLayout.QuickBooksOnline =>
        [
            new(InvoiceImportRow.NumberColumn, ["Invoice number", "Invoice no", "InvoiceNo"], Required: true),
            new(InvoiceImportRow.CustomerColumn, ["Customer"], Required: true),
            new("issue_date", ["Invoice date", "InvoiceDate"], LayoutValue.Date, Required: true),
            new("due_date", ["Due date", "DueDate"], LayoutValue.Date),
            new("terms", ["Terms"]),
            new("description", ["Item description", "Item(Product/Service)", "Memo"], Required: true),
            new("quantity", ["Item quantity"], LayoutValue.Number),
            new("unit_price", ["Item rate"], LayoutValue.Number),
            new(LineAmount, ["Item amount"], LayoutValue.Number, Required: true),
            new("tax_rate", ["Item tax code"], LayoutValue.TaxRateInName),
            new("currency", ["Currency", "Currency code"]),
        ],
        AccountingLayout.Xero =>
        [
            new(InvoiceImportRow.NumberColumn, ["InvoiceNumber"], Required: true),
            new(InvoiceImportRow.CustomerColumn, ["ContactName"], Required: true),
            new("issue_date", ["InvoiceDate"], LayoutValue.Date, Required: true),
            new("due_date", ["DueDate"], LayoutValue.Date),
            new("description", ["Description"], Required: true),
            new("quantity", ["Quantity"], LayoutValue.Number, Required: true),
            new("unit_price", ["UnitAmount"], LayoutValue.Number, Required: true),
            new("tax_rate", ["TaxType"], LayoutValue.TaxRateInName),
            new("currency", ["Currency"]),
        ],
        _ => null,
    };

    /// <summary>The columns of a customer (contact) file; the customer's name is also its id, as invoices name it.</summary>
    public static IReadOnlyList<LayoutColumn>? Customers(AccountingLayout layout) => layout switch
    {
        AccountingLayout.QuickBooksOnline =>
        [
            new("external_id", ["Customer", "Name", "Display name"], Required: true),
            new("name", ["Customer", "Name", "Display name", "Company"], Required: true),
            new("contact_email", ["Email"]),
            new("contact_name", ["Full name", "Contact"]),
            new("street", ["Street", "Billing address street"]),
            new("city", ["City", "Billing address city"]),
            new("postal_code", ["ZIP", "Billing address ZIP"]),
            new("currency", ["Currency"]),
        ],
        AccountingLayout.Xero =>
        [
            new("external_id", ["ContactName"], Required: true),
            new("name", ["ContactName"], Required: true),
            new("contact_email", ["EmailAddress"]),
            new("contact_first_name", ["FirstName"]),
            new("contact_last_name", ["LastName"]),
            new("street", ["POAddressLine1"]),
            new("city", ["POCity"]),
            new("postal_code", ["POPostalCode"]),
            new("vat_id", ["TaxNumber"]),
            new("currency", ["DefaultCurrency", "Currency"]),
        ],
        _ => null,
    };

    /// <summary>QuickBooks writes the line's amount; the unit price is amount / quantity when no rate is given.</summary>
    internal const string LineAmount = "line_amount";
}
