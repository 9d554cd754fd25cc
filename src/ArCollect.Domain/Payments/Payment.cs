using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Payments;

public enum PaymentMethod
{
    BankTransfer,
    Card,
    DirectDebit,
    Cheque,
    Cash,
    Other,
}

/// <summary>Money received from a customer; applied to invoices through allocations, the rest stays unapplied.</summary>
public class Payment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public string? Reference { get; set; }

    /// <summary>The bank's own id of the transaction (from a statement or an imported file), unique per tenant when present.</summary>
    public string? BankTransactionId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public PaymentMethod Method { get; set; }
    public decimal UnappliedAmount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<PaymentAllocation> Allocations { get; set; } = [];
}

/// <summary>The part of a payment applied to one invoice.</summary>
public class PaymentAllocation : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid PaymentId { get; set; }
    public Guid InvoiceId { get; set; }
    public decimal Amount { get; set; }

    /// <summary>The day money kept on the account was applied later to the invoice; null when applied as the payment was recorded.</summary>
    public DateOnly? AppliedOn { get; set; }
}
