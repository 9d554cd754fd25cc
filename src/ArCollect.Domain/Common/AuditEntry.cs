using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Common;

/// <summary>One change to money or one message, kept for the audit trail.</summary>
public class AuditEntry : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    public required string Action { get; set; }
    public string? Details { get; set; }
}
