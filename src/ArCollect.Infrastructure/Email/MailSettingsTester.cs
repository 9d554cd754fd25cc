using System.Net.Sockets;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Infrastructure.Email;

public sealed record MailTestResult(bool Succeeded, string Message);

/// <summary>Tries the tenant's saved SMTP server and collections mailbox the way sending and polling use them.</summary>
public sealed class MailSettingsTester(
    ArCollectDbContext db, MailSecrets secrets, SmtpMailTransport smtp, IOptions<EmailOptions> options, TimeProvider time, ILogger<MailSettingsTester> logger)
{
    /// <summary>Sends one short message to the given address through the tenant's own SMTP server.</summary>
    public async Task<MailTestResult> SendTestMessageAsync(string to, CancellationToken ct)
    {
        var settings = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings?.SmtpHost is null)
        {
            return new MailTestResult(false, "Save an SMTP host first; without one, reminders go through the application's own mail server.");
        }

        var message = new MimeMessage
        {
            Subject = "ArCollect test message",
            Date = time.GetUtcNow(),
            MessageId = MessageComposer.NewMessageId(MailboxAddress.Parse(settings.FromAddress ?? options.Value.FromAddress).Domain),
            Body = new TextPart("plain") { Text = "This message confirms that reminders can be sent through your SMTP server." },
        };
        message.From.Add(MailboxAddress.Parse(settings.FromAddress ?? options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        var endpoint = new SmtpEndpoint(settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity, settings.SmtpUsername, secrets.Unprotect(settings.SmtpPasswordProtected));
        var result = (await smtp.SendAsync([message], endpoint, _ => Task.CompletedTask, ct)).Single();
        if (!result.Delivered)
        {
            logger.LogWarning("Test message through {SmtpHost}:{SmtpPort} failed: {Error}", settings.SmtpHost, settings.SmtpPort, result.Error);
        }

        return result.Delivered ? new MailTestResult(true, $"Test message sent to {to} through {settings.SmtpHost}.")
            : new MailTestResult(false, $"Test message not sent: {result.Error}");
    }

    /// <summary>Connects to the collections mailbox, signs in and opens the inbox without reading or changing anything.</summary>
    public async Task<MailTestResult> TestMailboxAsync(CancellationToken ct)
    {
        var settings = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings is not { HasMailbox: true })
        {
            return new MailTestResult(false, "Save an IMAP host, user name and password first.");
        }

        try
        {
            using var client = await ReplyPoller.ConnectAsync(settings, secrets, options.Value, ct);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, ct);
            var count = client.Inbox.Count;
            await client.DisconnectAsync(true, ct);
            return new MailTestResult(true, $"Signed in to {settings.ImapHost}: the inbox holds {count} messages.");
        }
        catch (Exception ex) when (ex is MailHostRefusedException or IOException or SocketException or SslHandshakeException
            or AuthenticationException or ImapProtocolException or ImapCommandException)
        {
            logger.LogWarning("Mailbox test on {ImapHost}:{ImapPort} failed: {Error}", settings.ImapHost, settings.ImapPort, ex.Message);
            return new MailTestResult(false, $"Mailbox test failed: {ex.Message}");
        }
    }
}
