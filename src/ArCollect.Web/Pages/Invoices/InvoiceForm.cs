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
    public string? Number { get; set; }
    public DateOnly? IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? Currency { get; set; }
    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public List<LineForm> Lines { get; set; } = [];

    /// <summary>The input to validate and save: blank due date and currency come from the customer's terms and currency.</summary>
    public InvoiceInput ToInput(CustomerOption? customer)
    {
        var issued = IssueDate ?? default;
        var currency = string.IsNullOrWhiteSpace(Currency) ? customer?.Currency ?? "" : Currency.Trim().ToUpperInvariant();
        var due = DueDate ?? (IssueDate is { } issue && customer is not null ? issue.AddDays(customer.PaymentTermsDays) : default);
        return new InvoiceInput
        {
            CustomerId = CustomerId,
            Number = Number?.Trim() ?? "",
            IssueDate = issued,
            DueDate = due,
            Currency = currency,
            PurchaseOrder = Blank(PurchaseOrder),
            Notes = Blank(Notes),
            Lines = Lines.Select(l => l.ToInput()).ToList(),
        };
    }

    public static InvoiceForm From(Invoice invoice) => new()
    {
        CustomerId = invoice.CustomerId,
        Number = invoice.Number,
        IssueDate = invoice.IssueDate,
        DueDate = invoice.DueDate,
        Currency = invoice.Currency,
        PurchaseOrder = invoice.PurchaseOrder,
        Notes = invoice.Notes,
        Lines = invoice.Lines.OrderBy(l => l.LineNumber).Select(l => new LineForm
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
