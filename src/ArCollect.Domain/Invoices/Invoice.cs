using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>An invoice to a customer. Amounts settled are kept on the header so balances and status need no joins.</summary>
public class Invoice : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Number { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public required string Currency { get; set; }
    public decimal Subtotal { get; set; }
    public decimal TaxTotal { get; set; }
    public decimal Total { get; set; }
    public decimal AmountPaid { get; set; }
    public decimal AmountCredited { get; set; }
    public decimal AmountWrittenOff { get; set; }

    /// <summary>Total less paid, credited and written off; a stored column computed by the database.</summary>
    public decimal Balance { get; private set; }

    public bool IsDisputed { get; set; }

    /// <summary>The day the balance reached zero, if it has.</summary>
    public DateOnly? SettledOn { get; set; }

    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    public decimal OpenAmount => Total - AmountPaid - AmountCredited - AmountWrittenOff;

    public InvoiceStatus StatusOn(DateOnly today) => InvoiceStatusRules.Derive(this, today);
}
