using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>
/// A permanent rejection of a recipient flags that contact as bounced (the planner then skips it) and gives the
/// collector a task to find a working address. Staged on the caller's context, saved with the message status; every
/// text is fitted to its column, since names and addresses come from outside.
/// </summary>
public static class BounceRecorder
{
    public static async Task RecordAsync(ArCollectDbContext db, OutboxMessage message, string address, DateTimeOffset now, CancellationToken ct)
    {
        if (message.CustomerId is not { } customerId)
        {
            return;
        }

        var contacts = await db.Contacts.Where(c => c.CustomerId == customerId).ToListAsync(ct);
        foreach (var contact in contacts.Where(c => string.Equals(c.Email.Trim(), address.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            contact.Bounced = true;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name, c.CollectorId }).SingleAsync(ct);
        // One task per message and address: a message refused for two contacts asks for both.
        var key = ColumnText.Fit($"bounce:{message.Id:N}:{address.Trim().ToLowerInvariant()}", 200);
        if (!await db.CollectionTasks.AnyAsync(t => t.SourceKey == key, ct))
        {
            db.CollectionTasks.Add(new CollectionTask
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Assignee = TaskAssignee.Collector,
                AssignedUserId = customer.CollectorId,
                Title = ColumnText.Fit($"Email to {address} bounced: find a working address for {customer.Name}", 300),
                Details = ColumnText.FitOrNull(message.LastError, 2000),
                DueOn = DateOnly.FromDateTime(now.UtcDateTime),
                Status = CollectionTaskStatus.Open,
                Source = "Bounce",
                SourceKey = key,
                CreatedAt = now,
            });
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Type = ActivityType.Email,
            At = now,
            Summary = ColumnText.Fit($"Email to {address} bounced; the contact is flagged and gets no more reminders", 500),
            Body = message.LastError,
        });
    }
}
