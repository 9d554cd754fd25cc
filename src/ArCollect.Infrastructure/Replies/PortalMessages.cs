using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Replies;

/// <summary>
/// Free text a customer writes in the portal (a dispute's message today, any other portal message through the same
/// call) is kept as an inbound message from the customer and classified like a captured email reply: it shows in
/// /Replies with its intent, tone and suggested action, and a frustrated or angry message holds reminders until a
/// person acknowledges it. The caller saves, so the message and what the portal did with it land together.
/// </summary>
public sealed class PortalMessages(ArCollectDbContext db, ReplyIntake intake, TimeProvider time)
{
    /// <summary>Shown as the sender of portal messages in /Replies and on the manager's task.</summary>
    public const string Sender = "customer portal";

    /// <param name="sourceKey">What the text belongs to, e.g. "dispute:{id}"; the same key is classified once.</param>
    /// <param name="disputeOpened">
    /// The portal already opened a dispute from this text: a "dispute" suggestion is then recorded as taken rather than
    /// offered again, while any other suggestion (a payment to look for, a promise) stays open for a clerk.
    /// </param>
    public async Task<ReplyClassification?> ClassifyAsync(Guid customerId, string subject, string text, string sourceKey, bool disputeOpened, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var messageId = $"portal:{sourceKey}";
        if (await db.InboundMessages.AnyAsync(m => m.MessageId == messageId, ct))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var message = new InboundMessage
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            MessageId = messageId,
            FromAddress = Sender,
            Subject = subject.Length > 500 ? subject[..500] : subject,
            TextBody = text.Trim(),
            ReceivedAt = now,
        };
        db.InboundMessages.Add(message);
        var classification = await intake.ClassifyAsync(message, html: null, ct);
        if (disputeOpened && classification.SuggestedAction == ReplyAction.OpenDispute && classification.Status == ReplySuggestionStatus.Open)
        {
            classification.Status = ReplySuggestionStatus.Accepted;
            classification.DecidedAt = now;
        }

        return classification;
    }
}
