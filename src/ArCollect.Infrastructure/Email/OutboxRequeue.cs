using ArCollect.Domain.Activities;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Puts a dead-lettered or parked message back in the queue, with the same Message-ID and a fresh set of attempts,
/// once a person has fixed the cause. A message with no content (its template failed) cannot be requeued.
/// </summary>
public static class OutboxRequeue
{
    /// <summary>Null when requeued; otherwise why not, in words for the page.</summary>
    public static async Task<string?> RequeueAsync(ArCollectDbContext db, Guid messageId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.Status, m.CustomerId, m.Subject, HasBody = m.TextBody != "" || m.HtmlBody != null }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return "No such message.";
        }

        if (row.Status is not (OutboxStatus.DeadLetter or OutboxStatus.Parked))
        {
            return $"Only dead-lettered or parked messages can be requeued; this one is {row.Status}.";
        }

        if (!row.HasBody)
        {
            return "This message has no content because its template failed: fix the template; the customer's next reminder step writes a new message.";
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.OutboxMessages
            .Where(m => m.Id == messageId && (m.Status == OutboxStatus.DeadLetter || m.Status == OutboxStatus.Parked))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.UnreachableSince, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null), ct);
        if (changed == 0)
        {
            return "The message changed meanwhile; reload the page.";
        }

        if (row.CustomerId is { } customerId)
        {
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Type = ActivityType.Email,
                At = now,
                Summary = Common.ColumnText.Fit($"Requeued: {row.Subject}", 500),
                Body = $"Was {row.Status}; it goes out with the next send run.",
            });
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return null;
    }
}
