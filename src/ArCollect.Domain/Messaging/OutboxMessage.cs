using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Messaging;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (possibly not before <see cref="OutboxMessage.NotBefore"/>).</summary>
    Pending,

    /// <summary>Claimed by a sender; if the sender dies the claim expires and the message is checked before any retry.</summary>
    Sending,
    Sent,

    /// <summary>Could not be built or sent for a reason a person must fix (e.g. a template error); never retried automatically.</summary>
    Parked,

    /// <summary>Gave up: refused permanently, or the last retry failed; a person can requeue it.</summary>
    DeadLetter,
}

/// <summary>How a message travels: email through SMTP or the pickup folder, SMS through Twilio.</summary>
public enum MessageChannel
{
    Email,
    Sms,
}

public enum MessageKind
{
    Reminder,
    ManagerAlert,
    Invitation,
    Notification,

    /// <summary>The thank-you step's message after a reminded, discounted or planned invoice was paid.</summary>
    ThankYou,
}

/// <summary>
/// An email decided by the app, written in the same transaction as the decision and delivered later by the sender.
/// <see cref="IdempotencyKey"/> is unique per tenant, so a decision taken twice never yields two messages.
/// </summary>
public class OutboxMessage : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string IdempotencyKey { get; set; }
    public MessageKind Kind { get; set; }
    public Guid? CustomerId { get; set; }
    public MessageChannel Channel { get; set; }

    /// <summary>Email: mailbox list. SMS: one number in E.164.</summary>
    public required string ToAddresses { get; set; }
    public string? FromAddress { get; set; }
    public string? ReplyTo { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>The RFC 5322 Message-ID, fixed when the message is written so every retry carries the same one.</summary>
    public required string MessageId { get; set; }

    public string? InReplyTo { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The claim that owns a <see cref="OutboxStatus.Sending"/> row; a result is recorded only by that claim.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>Since when the mail server could not be reached for this message; connection failures are not attempts.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The provider's id of an SMS (Twilio's Message SID), recorded when Twilio accepts it.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The latest delivery status the provider reported (queued, sent, delivered, undelivered, failed).</summary>
    public string? ProviderStatus { get; set; }

    public List<OutboxAttachment> Attachments { get; set; } = [];
}
