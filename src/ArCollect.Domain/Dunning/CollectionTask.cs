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
}
