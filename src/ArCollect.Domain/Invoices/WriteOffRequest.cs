using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

public enum WriteOffRequestStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A write-off above the tenant's limit for its currency, asked for by someone who may not write off that much: it
/// waits for a Manager, who approves it (only then is the amount written off, as a <see cref="WriteOff"/>) or rejects
/// it, each with a reason.
/// </summary>
public class WriteOffRequest : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InvoiceId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public required string Reason { get; set; }

    /// <summary>The date the write-off is to carry when approved.</summary>
    public DateOnly WriteOffOn { get; set; }

    public Guid? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public WriteOffRequestStatus Status { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>The write-off the approval made.</summary>
    public Guid? WriteOffId { get; set; }
}
