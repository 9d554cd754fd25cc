using ArCollect.Domain.Disputes;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Replies;

public enum ReplySuggestionStatus
{
    Open,
    Accepted,
    Dismissed,
}

/// <summary>
/// What reply intelligence made of one captured reply: intent and tone with their confidence, the stated facts, the
/// suggested action and whether a person took it, and (for frustrated or angry replies) whether a person acknowledged it.
/// </summary>
public class ReplyClassification : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid InboundMessageId { get; set; }

    /// <summary>Copied from the message, null while unmatched; assigning the reply to a customer sets both.</summary>
    public Guid? CustomerId { get; set; }

    public required string Intent { get; set; }
    public float IntentConfidence { get; set; }
    public required string Tone { get; set; }
    public float ToneConfidence { get; set; }
    public string? Language { get; set; }

    /// <summary>The customer's own words, quoted history and signature removed: what was classified.</summary>
    public required string StrippedText { get; set; }

    /// <summary>The HTML part as received, shown only after sanitising.</summary>
    public string? HtmlBody { get; set; }

    public DateOnly? PromisedDate { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string? InvoiceNumbers { get; set; }
    public string? PaymentReferences { get; set; }

    public ReplyAction SuggestedAction { get; set; }
    public DisputeReason? DisputeReason { get; set; }
    public ReplySuggestionStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }

    /// <summary>Frustrated or angry: reminders to the customer pause until <see cref="AcknowledgedAt"/> is set.</summary>
    public bool NeedsAcknowledgement { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }

    public DateTimeOffset ClassifiedAt { get; set; }
}
