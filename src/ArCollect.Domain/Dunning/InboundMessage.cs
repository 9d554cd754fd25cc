using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

/// <summary>A message received in the collections mailbox, threaded onto a customer when it could be matched.</summary>
public class InboundMessage : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>The outbox message this replies to, when threading found one.</summary>
    public Guid? ReplyToOutboxId { get; set; }

    public required string MessageId { get; set; }
    public required string FromAddress { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Out-of-office and other automatic replies: shown, but not a response for escalation.</summary>
    public bool IsAutoReply { get; set; }

    public bool IsRead { get; set; }
}
