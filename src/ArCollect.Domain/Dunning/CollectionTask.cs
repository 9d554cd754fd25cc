using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

public enum TaskAssignee
{
    Collector,
    Manager,
}

public enum CollectionTaskStatus
{
    Open,
    Done,
    Snoozed,
}

/// <summary>
/// Work for a person about a customer. <see cref="SourceKey"/> (unique per tenant) names what created it, so a rule
/// firing again on the next run never creates the same task twice.
/// </summary>
public class CollectionTask : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public TaskAssignee Assignee { get; set; }
    public Guid? AssignedUserId { get; set; }
    public required string Title { get; set; }
    public string? Details { get; set; }
    public DateOnly DueOn { get; set; }
    public CollectionTaskStatus Status { get; set; }
    public required string Source { get; set; }
    public required string SourceKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>For a call task: what to say (amounts, days overdue, promises, disputes, last reply); null for other tasks.</summary>
    public string? CallScript { get; set; }

    /// <summary>For a call task: the invoices the call is about (a "dispute" outcome disputes them).</summary>
    public List<Guid>? InvoiceIds { get; set; }

    /// <summary>For a call task: the outcome recorded in one click.</summary>
    public CallOutcome? CallOutcome { get; set; }

    public bool IsCall => CallScript is not null;
}
