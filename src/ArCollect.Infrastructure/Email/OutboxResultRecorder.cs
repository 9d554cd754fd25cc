using ArCollect.Domain.Activities;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Records one message's delivery result right after its send, in its own short transaction that a cancelled run
/// cannot abort, and only while <paramref name="token"/> still owns the row. If what the result adds beside the status
/// (timeline entry, bounce task) cannot be saved, the status is saved alone: a delivered message is never left
/// looking unsent.
/// </summary>
internal sealed class OutboxResultRecorder(ArCollectDbContext db, Guid token, TimeProvider time, ILogger logger)
{
    private const int ErrorLength = 2000;

    public async Task<bool> RecordAsync(OutboxMessage row, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        var error = ColumnText.FitOrNull(result.Error, ErrorLength);
        row.LastError = error;
        if (result.Unreachable)
        {
            // Not a delivery attempt: give the attempt back and wait longer the longer the server stays away.
            var since = row.UnreachableSince ?? now;
            var next = now + RetryPolicy.DelayWhileUnreachable(now - since);
            await SaveAsync(row, s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                .SetProperty(m => m.UnreachableSince, since)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error), () => Task.CompletedTask);
            return false;
        }

        if (result.Delivered)
        {
            var saved = await SaveAsync(row, s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.UnreachableSince, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error), async () =>
                {
                    AddSentActivity(row, now);
                    foreach (var address in result.Bounced)
                    {
                        await BounceRecorder.RecordAsync(db, row, address, now, CancellationToken.None);
                    }
                });
            return saved;
        }

        if (!result.Transient || RetryPolicy.ShouldGiveUp(row.Attempts))
        {
            logger.LogWarning("Message {MessageId} dead-lettered after {Attempts} attempts: {Error}", row.MessageId, row.Attempts, error);
            await SaveAsync(row, s => s
                .SetProperty(m => m.Status, OutboxStatus.DeadLetter)
                .SetProperty(m => m.UnreachableSince, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error), async () =>
                {
                    foreach (var address in result.Bounced)
                    {
                        await BounceRecorder.RecordAsync(db, row, address, now, CancellationToken.None);
                    }

                    if (result.Bounced.Count == 0)
                    {
                        AddActivity(row, now, $"{Word(row)} not delivered: {row.Subject}", $"{error}\nRequeue it from the customer page or the Outbox once the cause is fixed.");
                    }
                });
            return false;
        }

        var retryAt = now + RetryPolicy.DelayAfter(row.Attempts);
        await SaveAsync(row, s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.UnreachableSince, (DateTimeOffset?)null)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.LastError, error), () => Task.CompletedTask);
        return false;
    }

    /// <summary>A message that cannot be built (e.g. an address MimeKit refuses) waits for a person.</summary>
    public async Task ParkAsync(OutboxMessage row, string reason)
    {
        var error = ColumnText.Fit(reason, ErrorLength);
        row.LastError = error;
        await SaveAsync(row, s => s
            .SetProperty(m => m.Status, OutboxStatus.Parked)
            .SetProperty(m => m.Attempts, m => m.Attempts - 1)
            .SetProperty(m => m.LastError, error), () =>
            {
                AddActivity(row, time.GetUtcNow(), $"{Word(row)} parked: {row.Subject}", $"{error}\nRequeue it from the customer page or the Outbox once the cause is fixed.");
                return Task.CompletedTask;
            });
    }

    /// <summary>Keeps the rest of the claim's batch held while it is still being sent.</summary>
    public Task RenewHoldAsync(TimeSpan hold)
    {
        var until = time.GetUtcNow() + hold;
        return db.OutboxMessages.Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), CancellationToken.None);
    }

    private async Task<bool> SaveAsync(
        OutboxMessage row,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> status,
        Func<Task> sideEffects)
    {
        try
        {
            return await SaveOnceAsync(row, status, sideEffects);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Could not save what message {MessageId} adds to the timeline; saving its status alone", row.MessageId);
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(row, status, () => Task.CompletedTask);
        }
    }

    private async Task<bool> SaveOnceAsync(
        OutboxMessage row,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> status,
        Func<Task> sideEffects)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var owned = await db.OutboxMessages
            .Where(m => m.Id == row.Id && m.ClaimToken == token && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s =>
            {
                status(s);
                s.SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.ClaimToken, (Guid?)null);
            }, CancellationToken.None);
        if (owned == 0)
        {
            // Another sender took the row over after this claim's hold ran out; its result stands.
            logger.LogWarning("Message {MessageId} is no longer held by this sender; its result is not recorded", row.MessageId);
            return false;
        }

        await sideEffects();
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private void AddSentActivity(OutboxMessage row, DateTimeOffset now) =>
        AddActivity(row, now, $"Sent: {row.Subject}", (row.Channel == MessageChannel.Sms
                ? $"SMS to {row.ToAddresses}, Twilio SID {row.ProviderMessageId}. Open: /Outbox/Message?id={row.Id}"
                : $"Message-ID <{row.MessageId}> to {row.ToAddresses}. Open: /Outbox/Message?id={row.Id}")
            + (row.LastError is null ? "" : $"\n{row.LastError}"));

    private static string Word(OutboxMessage row) => row.Channel == MessageChannel.Sms ? "SMS" : "Email";

    // The customer's timeline shows what actually went out (with the Message-ID replies will refer to) and what did not.
    private void AddActivity(OutboxMessage row, DateTimeOffset now, string summary, string body)
    {
        if (row.CustomerId is not { } customerId)
        {
            return;
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Type = row.Channel == MessageChannel.Sms ? ActivityType.Sms : ActivityType.Email,
            At = now,
            Summary = ColumnText.Fit(summary, 500),
            Body = body,
        });
    }
}
