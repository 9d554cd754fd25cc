using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>An amount the tenant gives up collecting on an invoice, with the reason; reported apart from credits.</summary>
public class WriteOff : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InvoiceId { get; set; }
    public DateOnly WrittenOffOn { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public required string Reason { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
