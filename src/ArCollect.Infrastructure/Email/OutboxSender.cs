using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Delivers due outbox messages of the current tenant. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a
/// claim deadline, so two senders never take the same message; a claim left by a crashed sender is only retried
/// after asking the transport whether that Message-ID already went out.
/// </summary>
public sealed class OutboxSender(
    ArCollectDbContext db,
    IMailTransport transport,
    SmtpMailTransport smtp,
    MailSecrets secrets,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private TenantMailSettings? tenantMail;

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        tenantMail = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var sent = 0;
        while (true)
        {
            var batch = await ClaimAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return sent;
            }

            sent += await DeliverAsync(batch, cancellationToken);
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimUntil = now + ClaimFor;
        var size = options.Value.BatchSize;
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE outbox_messages SET status = 'Sending', claimed_until = {claimUntil}, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE (status = 'Pending' AND next_attempt_at <= {now} AND not_before <= {now})
                   OR (status = 'Sending' AND claimed_until < {now})
                ORDER BY next_attempt_at
                LIMIT {size}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.OutboxMessages.Include(m => m.Attachments).Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
    }

    private async Task<int> DeliverAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var toSend = new List<OutboxMessage>();
        foreach (var row in batch)
        {
            // A retried claim may have gone out just before its sender died.
            if (row.Attempts > 1 && await transport.WasDeliveredAsync(row.MessageId, cancellationToken) == true)
            {
                MarkSent(row, now);
                continue;
            }

            toSend.Add(row);
        }

        var composed = new List<MimeKit.MimeMessage>();
        foreach (var row in toSend.ToList())
        {
            try
            {
                composed.Add(MessageComposer.Compose(row, tenantMail?.FromAddress ?? options.Value.FromAddress));
            }
            catch (MimeKit.ParseException ex)
            {
                row.Status = OutboxStatus.Parked;
                row.LastError = $"Cannot build the message: {ex.Message}";
                row.ClaimedUntil = null;
                toSend.Remove(row);
            }
        }

        var results = composed.Count == 0 ? []
            : tenantMail is { UsesOwnSmtp: true } own
                ? await smtp.SendAsync(composed, new SmtpEndpoint(own.SmtpHost!, own.SmtpPort, own.SmtpSecurity, own.SmtpUsername, secrets.Unprotect(own.SmtpPasswordProtected)), cancellationToken)
                : await transport.SendAsync(composed, cancellationToken);
        var byId = toSend.ToDictionary(r => r.MessageId);
        var delivered = 0;
        foreach (var result in results)
        {
            var row = byId[result.MessageId];
            if (result.Delivered)
            {
                MarkSent(row, now);
                delivered++;
            }
            else if (!result.Transient || RetryPolicy.ShouldGiveUp(row.Attempts))
            {
                row.Status = OutboxStatus.DeadLetter;
                row.LastError = result.Error;
                row.ClaimedUntil = null;
                logger.LogWarning("Message {MessageId} dead-lettered after {Attempts} attempts: {Error}", row.MessageId, row.Attempts, result.Error);
                if (result.RejectedRecipient is { } bounced)
                {
                    await BounceRecorder.RecordAsync(db, row, bounced, now, cancellationToken);
                }
            }
            else
            {
                row.Status = OutboxStatus.Pending;
                row.LastError = result.Error;
                row.NextAttemptAt = now + RetryPolicy.DelayAfter(row.Attempts);
                row.ClaimedUntil = null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return delivered;
    }

    private void MarkSent(OutboxMessage row, DateTimeOffset now)
    {
        row.Status = OutboxStatus.Sent;
        row.SentAt = now;
        row.ClaimedUntil = null;
        row.LastError = null;

        // The customer's timeline shows what actually went out, with the Message-ID replies will refer to.
        if (row.CustomerId is { } customerId)
        {
            db.Activities.Add(new ArCollect.Domain.Activities.Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Type = ArCollect.Domain.Activities.ActivityType.Email,
                At = now,
                Summary = row.Subject.Length > 480 ? $"Sent: {row.Subject[..480]}" : $"Sent: {row.Subject}",
                Body = $"Message-ID <{row.MessageId}> to {row.ToAddresses}. Open: /Outbox/Message?id={row.Id}",
            });
        }
    }
}
