using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>A customer's collections state for the customer page: promises, last reminder, open tasks, unread replies.</summary>
public sealed record CollectionsStatus(
    Guid CustomerId,
    IReadOnlyList<CollectionsStatus.PromiseRow> Promises,
    DateOnly? LastReminderOn,
    ReminderTone? LastTone,
    IReadOnlyList<string> OpenTasks,
    IReadOnlyList<CollectionsStatus.ReplyRow> UnreadReplies,
    bool OnCreditHold,
    DateOnly? SnoozedUntil,
    IReadOnlyList<CollectionsStatus.UndeliveredRow> Undelivered)
{
    /// <summary>A message that did not go out (dead-lettered or parked), with why; the page offers to requeue it.</summary>
    public sealed record UndeliveredRow(Guid Id, string Subject, OutboxStatus Status, string? Error, DateTimeOffset CreatedAt);

    public sealed record PromiseRow(DateOnly Date, decimal Amount, string Currency, PromiseStatus Status);

    public sealed record ReplyRow(Guid Id, string From, string Subject, DateTimeOffset ReceivedAt, bool IsAutoReply);

    public static async Task<CollectionsStatus?> LoadAsync(ArCollectDbContext db, Guid customerId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.OnCreditHold, c.SnoozedUntil }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var promises = await db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.PromisedDate).Take(5)
            .Select(p => new PromiseRow(p.PromisedDate, p.Amount, p.Currency, p.Status)).ToListAsync(ct);
        // A reminder that did not go out (dead-lettered or parked) is not the last reminder; it is listed as undelivered.
        var last = await db.ReminderLog.AsNoTracking().Where(r => r.CustomerId == customerId && r.OutboxMessageId != null)
            .Where(r => db.OutboxMessages.Any(m => m.Id == r.OutboxMessageId && m.Status != OutboxStatus.DeadLetter && m.Status != OutboxStatus.Parked))
            .OrderByDescending(r => r.RunDate).Select(r => new { r.RunDate, r.Tone }).FirstOrDefaultAsync(ct);
        var undelivered = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId && (m.Status == OutboxStatus.DeadLetter || m.Status == OutboxStatus.Parked))
            .OrderByDescending(m => m.CreatedAt).Take(10)
            .Select(m => new UndeliveredRow(m.Id, m.Subject, m.Status, m.LastError, m.CreatedAt)).ToListAsync(ct);
        var tasks = await db.CollectionTasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Status == CollectionTaskStatus.Open)
            .OrderBy(t => t.DueOn).Select(t => t.Title).ToListAsync(ct);
        var replies = await db.InboundMessages.AsNoTracking().Where(m => m.CustomerId == customerId && !m.IsRead)
            .OrderByDescending(m => m.ReceivedAt)
            .Select(m => new ReplyRow(m.Id, m.FromAddress, m.Subject, m.ReceivedAt, m.IsAutoReply)).ToListAsync(ct);
        return new CollectionsStatus(customerId, promises, last?.RunDate, last?.Tone, tasks, replies, customer.OnCreditHold, customer.SnoozedUntil, undelivered);
    }
}
