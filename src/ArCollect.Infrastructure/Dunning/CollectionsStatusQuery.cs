using ArCollect.Domain.Dunning;
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
    DateOnly? SnoozedUntil)
{
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
        var last = await db.ReminderLog.AsNoTracking().Where(r => r.CustomerId == customerId && r.OutboxMessageId != null)
            .OrderByDescending(r => r.RunDate).Select(r => new { r.RunDate, r.Tone }).FirstOrDefaultAsync(ct);
        var tasks = await db.CollectionTasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Status == CollectionTaskStatus.Open)
            .OrderBy(t => t.DueOn).Select(t => t.Title).ToListAsync(ct);
        var replies = await db.InboundMessages.AsNoTracking().Where(m => m.CustomerId == customerId && !m.IsRead)
            .OrderByDescending(m => m.ReceivedAt)
            .Select(m => new ReplyRow(m.Id, m.FromAddress, m.Subject, m.ReceivedAt, m.IsAutoReply)).ToListAsync(ct);
        return new CollectionsStatus(customerId, promises, last?.RunDate, last?.Tone, tasks, replies, customer.OnCreditHold, customer.SnoozedUntil);
    }
}
