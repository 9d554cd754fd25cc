using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Replies;

/// <summary>
/// Classifies a captured reply and adds what it found to the context (the caller saves): the classification with its
/// facts and suggested action, and for a frustrated or angry reply from a known customer a task for a manager, whose
/// acknowledgement resumes the customer's reminders. Nothing is ever sent to the customer from here.
/// </summary>
public sealed class ReplyIntake(ArCollectDbContext db, ReplyClassifier classifier, TimeProvider time)
{
    private const int MaxHtmlLength = 200_000;

    public async Task<ReplyClassification> ClassifyAsync(InboundMessage message, string? html, CancellationToken ct)
    {
        var source = string.IsNullOrWhiteSpace(message.TextBody) && html is not null ? HtmlText.ToText(html) : message.TextBody;
        var stripped = ReplyText.Strip(source, await AnsweredTextAsync(message, ct));
        var prediction = await classifier.ClassifyAsync(stripped);
        var intent = message.IsAutoReply ? ReplyLabels.OutOfOffice : prediction.Intent;
        var tone = message.IsAutoReply ? ReplyLabels.Neutral : prediction.Tone;
        var known = message.CustomerId is { } customerId
            ? await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId && i.Balance > 0).Select(i => i.Number).ToListAsync(ct)
            : [];
        var messageDate = DateOnly.FromDateTime(message.ReceivedAt.UtcDateTime);
        var facts = ReplyExtractor.Extract(stripped, messageDate, known);
        var suggestion = ReplySuggestion.For(intent, facts, stripped, messageDate);
        var amount = facts.Amounts.Count > 0 ? facts.Amounts[0] : null;
        var needsPerson = ReplyLabels.NeedsPerson(tone) && message.CustomerId is not null;
        var classification = new ReplyClassification
        {
            Id = Guid.CreateVersion7(),
            InboundMessageId = message.Id,
            CustomerId = message.CustomerId,
            Intent = intent,
            IntentConfidence = message.IsAutoReply ? 1f : prediction.IntentConfidence,
            Tone = tone,
            ToneConfidence = message.IsAutoReply ? 1f : prediction.ToneConfidence,
            Language = ReplyLanguage.Guess(stripped),
            StrippedText = stripped,
            HtmlBody = html is null ? null : html.Length > MaxHtmlLength ? html[..MaxHtmlLength] : html,
            PromisedDate = suggestion.PromisedDate,
            Amount = amount?.Amount,
            Currency = amount?.Currency,
            InvoiceNumbers = Join(facts.InvoiceNumbers),
            PaymentReferences = Join(facts.PaymentReferences),
            SuggestedAction = suggestion.Action,
            DisputeReason = suggestion.DisputeReason,
            Status = suggestion.Action == ReplyAction.None ? ReplySuggestionStatus.Dismissed : ReplySuggestionStatus.Open,
            NeedsAcknowledgement = needsPerson,
            ClassifiedAt = time.GetUtcNow(),
        };
        db.ReplyClassifications.Add(classification);
        if (needsPerson)
        {
            db.CollectionTasks.Add(ToneTask(message, classification, messageDate));
        }

        return classification;
    }

    /// <summary>The plain text of the reminder the reply answers (its thread in the outbox), for cutting the quoted copy.</summary>
    private async Task<string?> AnsweredTextAsync(InboundMessage message, CancellationToken ct)
    {
        if (message.ReplyToOutboxId is not { } outboxId)
        {
            return null;
        }

        var answered = await db.OutboxMessages.AsNoTracking().Where(o => o.Id == outboxId)
            .Select(o => new { o.TextBody, o.HtmlBody }).FirstOrDefaultAsync(ct);
        if (answered is null)
        {
            return null;
        }

        return answered.HtmlBody is { Length: > 0 } html ? answered.TextBody + "\n" + HtmlText.ToText(html) : answered.TextBody;
    }

    /// <summary>The task that sends a frustrated or angry customer to a manager (the senior owner).</summary>
    public static CollectionTask ToneTask(InboundMessage message, ReplyClassification classification, DateOnly dueOn) => new()
    {
        Id = Guid.CreateVersion7(),
        CustomerId = message.CustomerId!.Value,
        Assignee = TaskAssignee.Manager,
        Title = $"{(classification.Tone == ReplyLabels.Angry ? "Angry" : "Frustrated")} reply from {message.FromAddress}: acknowledge it to resume reminders",
        Details = classification.StrippedText.Length > 1000 ? classification.StrippedText[..1000] : classification.StrippedText,
        DueOn = dueOn,
        Status = CollectionTaskStatus.Open,
        Source = "Reply tone",
        SourceKey = ToneTaskKey(classification.InboundMessageId),
        CreatedAt = classification.ClassifiedAt,
    };

    public static string ToneTaskKey(Guid inboundMessageId) => $"reply-tone:{inboundMessageId:N}";

    private static string? Join(IReadOnlyList<string> values) => values.Count == 0 ? null : Cut(string.Join(", ", values), 500);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
