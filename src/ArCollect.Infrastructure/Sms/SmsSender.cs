using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Sms;

/// <summary>
/// Delivers due SMS rows of the outbox through the tenant's Twilio account, with the email sender's claims, holds and
/// result recording. Twilio's Message SID is stored with the row. Without a Twilio account the text is written to the
/// pickup folder and the row is parked as not configured: it is never shown as sent, and can be requeued later.
/// </summary>
public sealed class SmsSender(
    ArCollectDbContext db,
    TwilioGateway gateway,
    SmsSecrets secrets,
    IOptions<SmsOptions> options,
    IOptions<DunningOptions> dunning,
    TimeProvider time,
    ILogger<SmsSender> logger)
{
    /// <summary>Set while Twilio cannot be reached (messages wait for it; the send job tells the Admin).</summary>
    public string? UnreachableError { get; private set; }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = await db.TenantSmsSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var account = settings is { IsConfigured: true }
            ? AccountOf(settings)
            : null;
        var off = settings is { Enabled: false, HasAccount: true };
        var sent = 0;
        while (UnreachableError is null)
        {
            var token = Guid.CreateVersion7();
            var batch = await OutboxClaims.ClaimAsync(db, token, time.GetUtcNow(), OutboxSender.Hold, options.Value.BatchSize, MessageChannel.Sms, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var recorder = new OutboxResultRecorder(db, token, time, logger);
            foreach (var row in batch)
            {
                sent += await DeliverAsync(row, token, account, off, recorder);
                await recorder.RenewHoldAsync(OutboxSender.Hold);
            }
        }

        return sent;
    }

    /// <summary>The account the sender and the settings page's test message use, with the auth token decrypted.</summary>
    public TwilioAccount AccountOf(TenantSmsSettings settings) =>
        new(settings.AccountSid!, secrets.Unprotect(settings.AuthTokenProtected)!,
            string.IsNullOrWhiteSpace(settings.FromNumber) ? null : settings.FromNumber, settings.MessagingServiceSid);

    private async Task<int> DeliverAsync(OutboxMessage row, Guid token, TwilioAccount? account, bool off, OutboxResultRecorder recorder)
    {
        if (account is null && off)
        {
            var file = await WritePickupAsync(row);
            await recorder.ParkAsync(row, $"Not sent: SMS is turned off under Settings > SMS. The text was kept in the server's SMS pickup folder as {Path.GetFileName(file)}. Turn SMS on, then requeue.");
            return 0;
        }

        if (account is null)
        {
            var file = await WritePickupAsync(row);
            await recorder.ParkAsync(row, $"Not sent: SMS is not configured (no Twilio account). The text was kept in the server's SMS pickup folder as {Path.GetFileName(file)}. Set up SMS under Settings > SMS, then requeue.");
            return 0;
        }

        if (UnreachableError is not null)
        {
            await recorder.RecordAsync(row, new DeliveryResult(row.MessageId, false, true, UnreachableError, Unreachable: true));
            return 0;
        }

        // A claim taken over from a sender that died may have reached Twilio already: look before sending again.
        if (row.Attempts > 1 && await gateway.FindSentAsync(account, row.ToAddresses, row.TextBody, row.CreatedAt) is { } earlier)
        {
            await StoreSidAsync(row, token, earlier.Sid, earlier.Status);
            return await recorder.RecordAsync(row, new DeliveryResult(row.MessageId, true, false, null)) ? 1 : 0;
        }

        var result = await gateway.SendAsync(account, row.ToAddresses, row.TextBody, StatusCallback(row));
        if (result.Accepted)
        {
            await StoreSidAsync(row, token, result.Sid!, result.Status);
            return await recorder.RecordAsync(row, new DeliveryResult(row.MessageId, true, false, null)) ? 1 : 0;
        }

        if (result.Unreachable)
        {
            UnreachableError = result.Error;
        }

        await recorder.RecordAsync(row, new DeliveryResult(row.MessageId, false, result.Transient, result.Error, Unreachable: result.Unreachable));
        return 0;
    }

    private async Task StoreSidAsync(OutboxMessage row, Guid token, string sid, string? status)
    {
        row.ProviderMessageId = sid;
        row.ProviderStatus = status;
        await db.OutboxMessages.Where(m => m.Id == row.Id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProviderMessageId, sid).SetProperty(m => m.ProviderStatus, status), CancellationToken.None);
    }

    /// <summary>Twilio posts delivery updates here; the tenant in the path chooses whose auth token checks the signature.</summary>
    private Uri StatusCallback(OutboxMessage row) =>
        new($"{dunning.Value.PublicBaseUrl.TrimEnd('/')}/webhooks/twilio/status/{row.TenantId:N}");

    private async Task<string> WritePickupAsync(OutboxMessage row)
    {
        Directory.CreateDirectory(options.Value.PickupDirectory);
        var path = Path.Combine(options.Value.PickupDirectory, $"{row.Id:N}.txt");
        await File.WriteAllTextAsync(path, $"To: {row.ToAddresses}\nCreated: {row.CreatedAt:O}\n\n{row.TextBody}\n", CancellationToken.None);
        return path;
    }
}
