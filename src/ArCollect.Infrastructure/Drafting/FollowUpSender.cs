using ArCollect.Domain.Activities;
using ArCollect.Domain.Drafting;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Drafting;

public enum FollowUpSendOutcome
{
    Queued,
    AlreadyQueued,
    Refused,
    Missing,
}

public sealed record FollowUpSendResult(FollowUpSendOutcome Outcome, string? Problem = null);

/// <summary>
/// Puts a follow-up the clerk approved into the outbox, with a timeline entry, in one transaction. The idempotency
/// key comes from the draft, so a double click or a resubmitted form queues one email and one timeline entry.
/// </summary>
public sealed class FollowUpSender(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public static string IdempotencyKey(Guid draftKey) => $"follow-up:{draftKey:N}";

    public async Task<FollowUpSendResult> SendAsync(Guid customerId, FollowUpInput input, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.DoNotContact }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return new(FollowUpSendOutcome.Missing);
        }

        var key = IdempotencyKey(input.DraftKey);
        if (await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == key, ct))
        {
            return new(FollowUpSendOutcome.AlreadyQueued);
        }

        if (customer.DoNotContact)
        {
            return new(FollowUpSendOutcome.Refused, "The customer is marked do not contact; nothing was sent.");
        }

        var to = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId && !c.Bounced && c.Email != "")
            .OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Email).Select(c => c.Email).FirstOrDefaultAsync(ct);
        if (to is null)
        {
            return new(FollowUpSendOutcome.Refused, "The customer has no contact with a deliverable email address: add one on the customer first.");
        }

        var now = time.GetUtcNow();
        var subject = input.Subject.Trim();
        var body = input.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var mail = await db.TenantMailSettings.AsNoTracking().Select(m => new { m.FromAddress }).FirstOrDefaultAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = key,
            Kind = MessageKind.Notification,
            CustomerId = customerId,
            ToAddresses = to,
            FromAddress = mail?.FromAddress,
            Subject = subject,
            TextBody = body,
            MessageId = MessageComposer.NewMessageId("arcollect.followups"),
            NotBefore = now,
            CreatedAt = now,
        };
        if (!await OutboxWriter.EnqueueAsync(db, message, ct))
        {
            return new(FollowUpSendOutcome.AlreadyQueued);
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Type = ActivityType.Email,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Follow-up queued for {to}: {(subject.Length > 400 ? subject[..397] + "..." : subject)}",
            Body = body,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(FollowUpSendOutcome.Queued);
    }
}
