using ArCollect.Domain.Invoices;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>A customer as the invoice form needs it: to pick, and to default currency and due date.</summary>
public sealed record CustomerOption(Guid Id, string Name, string Currency, int PaymentTermsDays);

/// <summary>
/// The invoice form as posted. Numbers and dates are nullable so that blank line rows and a blank due date bind
/// cleanly; <see cref="ToInput"/> turns it into the <see cref="InvoiceInput"/> the validator and totals work on.
/// </summary>
public sealed class InvoiceForm
{
    public const int MaxLines = 10;

    public Guid CustomerId { get; set; }
    public DateOnly? IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? Currency { get; set; }

    /// <summary>Payment terms such as "Net 30" or "2/10 Net 30"; empty for the customer's.</summary>
    public string? Terms { get; set; }

    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public List<LineForm> Lines { get; set; } = [];

    /// <summary>The input to validate and save: blank due date and currency come from the customer's terms and currency.</summary>
    public InvoiceInput ToInput(CustomerOption? customer)
    {
        var issued = IssueDate ?? default;
        var currency = string.IsNullOrWhiteSpace(Currency) ? customer?.Currency ?? "" : Currency.Trim().ToUpperInvariant();
        var terms = Blank(Terms);
        var due = DueDate ?? DefaultDue(terms, customer);
        return new InvoiceInput
        {
            CustomerId = CustomerId,
            IssueDate = issued,
            DueDate = due,
            Currency = currency,
            Terms = terms,
            PurchaseOrder = Blank(PurchaseOrder),
            Notes = Blank(Notes),
            Lines = Lines.Select(l => l.ToInput()).ToList(),
        };
    }

    /// <summary>The due date the terms give (the form's, else the customer's net days); none without an issue date.</summary>
    private DateOnly DefaultDue(string? terms, CustomerOption? customer)
    {
        if (IssueDate is not { } issue)
        {
            return default;
        }

        if (terms is not null && PaymentTerms.TryParse(terms, out var parsed))
        {
            return parsed.DueDate(issue);
        }

        return customer is null ? default : issue.AddDays(customer.PaymentTermsDays);
    }

    public static InvoiceForm From(Invoice invoice) => new()
    {
        CustomerId = invoice.CustomerId,
        IssueDate = invoice.IssueDate,
        DueDate = invoice.DueDate,
        Currency = invoice.Currency,
        Terms = invoice.Terms,
        PurchaseOrder = invoice.PurchaseOrder,
        Notes = invoice.Notes,
        Lines = invoice.Lines.Where(l => l.LateFeePeriod == null).OrderBy(l => l.LineNumber).Select(l => new LineForm
        {
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPrice = l.UnitPrice,
            TaxRate = l.TaxRate,
        }).ToList(),
    };

    /// <summary>Fills the form up to <see cref="MaxLines"/> rows so there is room to add lines.</summary>
    public void PadLines()
    {
        while (Lines.Count < MaxLines)
        {
            Lines.Add(new LineForm());
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class LineForm
{
    public string? Description { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }
    public decimal? TaxRate { get; set; }

    /// <summary>An empty quantity means one; an empty tax rate means no tax.</summary>
    public InvoiceLineInput ToInput() => new()
    {
        Description = Description?.Trim(),
        Quantity = Quantity ?? 1m,
        UnitPrice = UnitPrice ?? 0m,
        TaxRate = TaxRate ?? 0m,
    };
}
