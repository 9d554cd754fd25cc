using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Messaging;

/// <summary>A file sent with an outbox message, stored with it so every retry sends the same bytes.</summary>
public class OutboxAttachment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OutboxMessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}
