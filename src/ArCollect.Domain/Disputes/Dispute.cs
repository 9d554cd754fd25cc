using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Disputes;

/// <summary>The built-in category of a dispute; each default reason code maps to one, a tenant's own codes to <see cref="Other"/>.</summary>
public enum DisputeReason
{
    PricingError,
    QuantityMismatch,
    DamagedGoods,
    NotReceived,
    DuplicateBilling,
    ServiceQuality,
    Other,
    AlreadyPaid,
    Tax,
    ShortPayment,
}

/// <summary>Where a dispute stands. Open, in review and waiting on customer are live; resolved and withdrawn are closed.</summary>
public enum DisputeStatus
{
    Open,
    InReview,
    WaitingOnCustomer,
    Resolved,
    Withdrawn,
}

/// <summary>How a resolved dispute ended.</summary>
public enum DisputeOutcome
{
    CreditNote,
    Rebill,
    Rejected,
    WriteOff,
}

public enum DisputePriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>
/// A customer's objection to one or more invoices (or lines of them). Only the disputed amount of each covered invoice
/// stops being chased (<see cref="DisputedBalance"/>); a live dispute marks its invoices Disputed.
/// </summary>
public class Dispute : ITenantOwned
{
    private string? reasonCode;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The first invoice the dispute covers; <see cref="Items"/> lists every invoice or line and its amount.</summary>
    public Guid InvoiceId { get; set; }
    public DisputeReason Reason { get; set; }
    public DisputeStatus Status { get; set; }

    /// <summary>The total disputed amount, in the invoices' currency (the sum of <see cref="Items"/> when there are items).</summary>
    public decimal Amount { get; set; }
    public DateOnly OpenedOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string? Notes { get; set; }

    /// <summary>The tenant's reason code (see <see cref="DisputeReasonCode"/>); defaults to the code of <see cref="Reason"/>.</summary>
    public string ReasonCode
    {
        get => reasonCode ?? DisputeReasonCodes.DefaultCode(Reason);
        set => reasonCode = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public DisputeOutcome? Outcome { get; set; }
    public DisputePriority Priority { get; set; } = DisputePriority.Normal;
    public string Currency { get; set; } = "";
    public Guid? OwnerUserId { get; set; }
    public Guid? TeamId { get; set; }

    /// <summary>Which routing rule picked the owner, in words ("rule 2: damaged goods over 1,000"), or null when set by hand.</summary>
    public string? RoutedBy { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? SlaBreachedAt { get; set; }

    /// <summary>The explanation sent to the customer when the dispute is rejected, or the note of any other resolution.</summary>
    public string? Resolution { get; set; }
    public Guid? CreditNoteId { get; set; }
    public Guid? WriteOffId { get; set; }
    public Guid? RebillInvoiceId { get; set; }

    public List<DisputeItem> Items { get; set; } = [];

    public bool IsOpen => DisputeLifecycle.IsLive(Status);
}

/// <summary>One invoice (or one line of it) a dispute covers, with the amount disputed on it.</summary>
public class DisputeItem : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid DisputeId { get; set; }
    public Guid InvoiceId { get; set; }
    public Guid? InvoiceLineId { get; set; }
    public decimal Amount { get; set; }
}

public enum DisputeCommentKind
{
    /// <summary>Seen only inside the tenant.</summary>
    Internal,

    /// <summary>Sent to the customer by email through the outbox (and shown in the portal).</summary>
    ToCustomer,

    /// <summary>Written by the customer (portal or reply).</summary>
    FromCustomer,
}

/// <summary>A note on a dispute: internal, or a message to or from the customer.</summary>
public class DisputeComment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid DisputeId { get; set; }
    public DisputeCommentKind Kind { get; set; }
    public required string Body { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? OutboxMessageId { get; set; }
}
