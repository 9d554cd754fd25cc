using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dashboards;

/// <summary>A manager's acknowledgement of one fired alert (a manager-alert message in the outbox): who, and when.</summary>
public class AlertAcknowledgement : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OutboxMessageId { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset AcknowledgedAt { get; set; }
}
