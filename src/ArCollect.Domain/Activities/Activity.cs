using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Activities;

public enum ActivityType
{
    Note,
    Call,
    Email,
    StatusChange,
    Payment,
    Dispute,
    PromiseToPay,
    Invoice,
    Reminder,
    Reply,
    Task,
    Alert,
    Sms,
    PaymentPlan,
}

/// <summary>One entry on a customer's timeline.</summary>
public class Activity : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? InvoiceId { get; set; }
    public ActivityType Type { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Summary { get; set; }
    public string? Body { get; set; }
    public Guid? UserId { get; set; }
}
