using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Delivers due outbox messages of the current tenant. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, a hold
/// and a claim token, so two senders never take the same message; the hold is renewed after every send, and each
/// result is recorded right after its send, by the claim that owns the row only. A claim left by a crashed sender is
/// retried after asking the transport whether that Message-ID already went out, and dead-lettered once its attempts
/// reach the cap, so a message whose result cannot be saved is never sent again and again.
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
    /// <summary>How long a claim holds a row without news from its sender; far longer than one send may take.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    private TenantMailSettings? tenantMail;

    /// <summary>Set while the mail server cannot be reached (messages wait for it; the send job tells the Admin).</summary>
    public string? UnreachableError { get; private set; }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        tenantMail = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        await DeadLetterExhaustedAsync(cancellationToken);
        var sent = 0;
        while (UnreachableError is null)
        {
            var token = Guid.CreateVersion7();
            var batch = await ClaimAsync(token, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            sent += await DeliverAsync(batch, token, cancellationToken);
        }

        // Messages still waiting for an unreachable server keep the Admin's alert open between their retries.
        UnreachableError ??= await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.UnreachableSince != null)
            .OrderBy(m => m.UnreachableSince).Select(m => m.LastError).FirstOrDefaultAsync(cancellationToken);
        return sent;
    }

    /// <summary>
    /// A claim that expired after the last allowed attempt means a sender took the message that many times without
    /// recording a result (it died, or its save failed): it may have gone out, so it is not sent again.
    /// </summary>
    private async Task DeadLetterExhaustedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenantId = db.CurrentTenantId;
        var error = $"Sent {RetryPolicy.MaxAttempts} times without a recorded result; it may have arrived. Check with the recipient before requeuing.";
        var count = await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages SET status = 'DeadLetter', claimed_until = NULL, claim_token = NULL, last_error = {error}
            WHERE tenant_id = {tenantId} AND status = 'Sending' AND claimed_until < {now} AND attempts >= {RetryPolicy.MaxAttempts}
            """, cancellationToken);
        if (count > 0)
        {
            logger.LogError("Dead-lettered {MessageCount} messages of {TenantId} whose results could not be recorded", count, tenantId);
        }
    }

    private Task<List<OutboxMessage>> ClaimAsync(Guid token, CancellationToken cancellationToken) =>
        OutboxClaims.ClaimAsync(db, token, time.GetUtcNow(), Hold, options.Value.BatchSize, MessageChannel.Email, cancellationToken);

    private async Task<int> DeliverAsync(List<OutboxMessage> batch, Guid token, CancellationToken cancellationToken)
    {
        var recorder = new OutboxResultRecorder(db, token, time, logger);
        var delivered = 0;
        var composed = new List<MimeMessage>();
        foreach (var row in batch)
        {
            // A retried claim may have gone out just before its sender died.
            if (row.Attempts > 1 && await transport.WasDeliveredAsync(row.MessageId, cancellationToken) == true)
            {
                delivered += await recorder.RecordAsync(row, new DeliveryResult(row.MessageId, true, false, null)) ? 1 : 0;
                continue;
            }

            try
            {
                composed.Add(MessageComposer.Compose(row, tenantMail?.FromAddress ?? options.Value.FromAddress));
            }
            catch (ParseException ex)
            {
                await recorder.ParkAsync(row, $"Cannot build the message: {ex.Message}");
            }
        }

        // MimeKit reports a Message-ID without its angle brackets; some writers store it with them.
        static string Bare(string messageId) => messageId.Trim().TrimStart('<').TrimEnd('>');
        var byId = batch.ToDictionary(r => Bare(r.MessageId));
        async Task OnResult(DeliveryResult result)
        {
            delivered += await recorder.RecordAsync(byId[Bare(result.MessageId)], result) ? 1 : 0;
            if (result.Unreachable)
            {
                UnreachableError ??= result.Error;
            }

            await recorder.RenewHoldAsync(Hold);
        }

        if (composed.Count > 0)
        {
            _ = tenantMail is { UsesOwnSmtp: true } own
                ? await smtp.SendAsync(composed, new SmtpEndpoint(own.SmtpHost!, own.SmtpPort, own.SmtpSecurity, own.SmtpUsername, secrets.Unprotect(own.SmtpPasswordProtected)), OnResult, cancellationToken)
                : await transport.SendAsync(composed, OnResult, cancellationToken);
        }

        return delivered;
    }
}
