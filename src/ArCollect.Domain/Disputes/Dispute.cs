using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Disputes;

public enum DisputeReason
{
    PricingError,
    QuantityMismatch,
    DamagedGoods,
    NotReceived,
    DuplicateBilling,
    ServiceQuality,
    Other,
}

public enum DisputeStatus
{
    Open,
    ResolvedCreditNote,
    ResolvedRebill,
    Rejected,
}

/// <summary>A customer's objection to an invoice. An open dispute marks the invoice Disputed.</summary>
public class Dispute : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid InvoiceId { get; set; }
    public DisputeReason Reason { get; set; }
    public DisputeStatus Status { get; set; }
    public decimal Amount { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string? Notes { get; set; }

    public bool IsOpen => Status == DisputeStatus.Open;
}
