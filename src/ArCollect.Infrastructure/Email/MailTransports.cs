using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Infrastructure.Email;

/// <summary>Delivers a batch of messages over one connection; reports per message so one bad address does not fail the rest.</summary>
public interface IMailTransport
{
    /// <summary>Every message the outbox composes carries a Message-ID.</summary>
    static string IdOf(MimeMessage message) => message.MessageId ?? throw new InvalidOperationException("Message has no Message-ID.");

    Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);

    /// <summary>Whether a message with this Message-ID is known to have been delivered already (null: cannot tell).</summary>
    Task<bool?> WasDeliveredAsync(string messageId, CancellationToken cancellationToken);
}

/// <param name="RejectedRecipient">The address a server refused permanently (a bounce), when it named one.</param>
public sealed record DeliveryResult(string MessageId, bool Delivered, bool Transient, string? Error, string? RejectedRecipient = null);

/// <summary>Where and how to reach an SMTP server: the global settings or a tenant's own.</summary>
/// <param name="IsOperators">The operator's own server from configuration; a tenant's is checked by <see cref="MailHostGuard"/>.</param>
public sealed record SmtpEndpoint(string Host, int Port, SmtpSecurity Security, string? Username, string? Password, bool IsOperators = false)
{
    public static SmtpEndpoint From(EmailOptions options) =>
        new(options.SmtpHost ?? "localhost", options.SmtpPort, options.Security, options.Username, options.Password, IsOperators: true);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private static string IdOf(MimeMessage message) => IMailTransport.IdOf(message);

    public Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken) =>
        SendAsync(messages, SmtpEndpoint.From(options.Value), cancellationToken);

    /// <summary>Sends over the given server: a tenant's own SMTP settings instead of the global ones.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, SmtpEndpoint settings, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        using var client = new SmtpClient();
        try
        {
            await ConnectAsync(client, settings, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SslHandshakeException or SmtpProtocolException or AuthenticationException or SmtpCommandException or MailHostRefusedException)
        {
            return messages.Select(m => new DeliveryResult(IdOf(m), false, Transient: true, $"SMTP unavailable: {ex.Message}")).ToList();
        }

        foreach (var message in messages)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
                results.Add(new DeliveryResult(IdOf(message), true, false, null));
            }
            catch (SmtpCommandException ex)
            {
                // 5xx on a recipient is permanent (bad address); 4xx is worth another try.
                var transient = (int)ex.StatusCode < 500;
                var rejected = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && !transient ? ex.Mailbox?.Address : null;
                results.Add(new DeliveryResult(IdOf(message), false, transient, $"{(int)ex.StatusCode} {ex.Message}", rejected));
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or ServiceNotConnectedException)
            {
                results.Add(new DeliveryResult(IdOf(message), false, true, ex.Message));
                break;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        var done = results.Select(r => r.MessageId).ToHashSet();
        results.AddRange(messages.Where(m => !done.Contains(IdOf(m)))
            .Select(m => new DeliveryResult(IdOf(m), false, true, "Connection lost before sending.")));
        return results;
    }

    /// <summary>Connects and signs in, as sending does: for the settings page's test message.</summary>
    public async Task ConnectAsync(SmtpClient client, SmtpEndpoint settings, CancellationToken cancellationToken)
    {
        if (settings.IsOperators)
        {
            await client.ConnectAsync(settings.Host, settings.Port, ToSocketOptions(settings.Security), cancellationToken);
            return;
        }

        var socket = await MailHostGuard.ConnectAsync(settings.Host, settings.Port, MailProtocol.Smtp, options.Value.AllowPrivateMailHosts, cancellationToken);
        await client.ConnectAsync(socket, settings.Host, settings.Port, ToSocketOptions(settings.Security), cancellationToken);
    }

    // SMTP offers no way to ask whether a message was accepted earlier; the sender then resends with the same Message-ID.
    public Task<bool?> WasDeliveredAsync(string messageId, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);

    public static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

/// <summary>Writes each message as an .eml file named by its Message-ID: for machines without SMTP, and readable in the app.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private static string IdOf(MimeMessage message) => IMailTransport.IdOf(message);

    public string Directory => options.Value.PickupDirectory;

    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var results = new List<DeliveryResult>();
        foreach (var message in messages)
        {
            var path = PathFor(IdOf(message));
            var temp = path + ".tmp";
            await message.WriteToAsync(temp, cancellationToken);
            File.Move(temp, path, overwrite: true);
            results.Add(new DeliveryResult(IdOf(message), true, false, null));
        }

        return results;
    }

    public Task<bool?> WasDeliveredAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult<bool?>(File.Exists(PathFor(messageId)));

    public string PathFor(string messageId)
    {
        var safe = string.Concat(messageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '@' ? c : '_'));
        return Path.Combine(Directory, safe + ".eml");
    }
}
