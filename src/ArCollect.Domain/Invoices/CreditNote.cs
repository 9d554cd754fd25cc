using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>A credit to a customer that reduces an invoice's open balance.</summary>
public class CreditNote : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? InvoiceId { get; set; }
    public required string Number { get; set; }
    public DateOnly IssueDate { get; set; }
    public decimal Amount { get; set; }

    /// <summary>The tax inside <see cref="Amount"/> (tax included), split as on the invoice it credits; zero when not split.</summary>
    public decimal TaxAmount { get; set; }
    public required string Currency { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
