using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;

namespace ArCollect.Domain.Drafting;

public sealed record OpenItem(string Number, DateOnly DueDate, string Currency, decimal Balance, decimal DisputedAmount);

/// <summary>The customer's latest reply that was not an automatic one; intent and tone when reply intelligence classified it.</summary>
public sealed record LastReply(DateOnly ReceivedOn, string? Intent, string? Tone, string Excerpt);

public sealed record PromiseFact(DateOnly MadeOn, DateOnly PromisedDate, string Currency, decimal Amount, PromiseStatus Status, string? InvoiceNumber);

public sealed record DisputeFact(string InvoiceNumber, DisputeReason Reason, DisputeStatus Status, string Currency, decimal Amount, DateOnly OpenedOn);

public sealed record PaymentFact(DateOnly ReceivedOn, string Currency, decimal Amount);

/// <summary>Everything a follow-up may refer to, read for one customer; the composer and the language model see only this.</summary>
public sealed record FollowUpFacts
{
    public required string CompanyName { get; init; }
    public required string CustomerName { get; init; }
    public string? ContactName { get; init; }

    /// <summary>One of <see cref="FollowUpWordings.Languages"/>.</summary>
    public required string Language { get; init; }

    public required DateOnly Today { get; init; }
    public IReadOnlyList<OpenItem> Open { get; init; } = [];
    public LastReply? LastReply { get; init; }
    public IReadOnlyList<PromiseFact> Promises { get; init; } = [];
    public IReadOnlyList<DisputeFact> Disputes { get; init; } = [];
    public DateOnly? LastReminderOn { get; init; }
    public IReadOnlyList<PaymentFact> PaymentsSinceReminder { get; init; } = [];
    public PaymentHistory History { get; init; } = PaymentHistory.None;

    public IEnumerable<OpenItem> Overdue => Open.Where(i => i.DueDate < Today);
}

/// <summary>A fact the draft used, in words for the clerk (and, on the model path, exactly what the model was given).</summary>
public sealed record DraftFact(string Kind, string Text);

/// <summary>A follow-up for a clerk to edit and send.</summary>
public sealed record FollowUpDraft(
    string Language,
    ReminderTone Tone,
    string ToneReason,
    string Subject,
    string Body,
    IReadOnlyList<DraftFact> Facts);
