using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// Delivers a batch of messages over one connection; reports each message's result as soon as it is known, so the
/// caller records it before the next send, and one bad address does not fail the rest.
/// </summary>
public interface IMailTransport
{
    /// <summary>Every message the outbox composes carries a Message-ID.</summary>
    static string IdOf(MimeMessage message) => message.MessageId ?? throw new InvalidOperationException("Message has no Message-ID.");

    Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<DeliveryResult, Task> onResult, CancellationToken cancellationToken);

    /// <summary>Whether a message with this Message-ID is known to have been delivered already (null: cannot tell).</summary>
    Task<bool?> WasDeliveredAsync(string messageId, CancellationToken cancellationToken);
}

/// <param name="RejectedRecipients">Addresses the server refused permanently (bounces); with <paramref name="Delivered"/> the others got it.</param>
/// <param name="Unreachable">The server could not be reached or refused the session: no delivery was attempted.</param>
public sealed record DeliveryResult(
    string MessageId, bool Delivered, bool Transient, string? Error, IReadOnlyList<string>? RejectedRecipients = null, bool Unreachable = false)
{
    public IReadOnlyList<string> Bounced => RejectedRecipients ?? [];
}

/// <summary>Where and how to reach an SMTP server: the global settings or a tenant's own.</summary>
/// <param name="IsOperators">The operator's own server from configuration; a tenant's is checked by <see cref="MailHostGuard"/>.</param>
public sealed record SmtpEndpoint(string Host, int Port, SmtpSecurity Security, string? Username, string? Password, bool IsOperators = false)
{
    public static SmtpEndpoint From(EmailOptions options) =>
        new(options.SmtpHost ?? "localhost", options.SmtpPort, options.Security, options.Username, options.Password, IsOperators: true);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    /// <summary>Bounds each SMTP command, so one message's send always ends well inside the outbox claim's hold.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private static string IdOf(MimeMessage message) => IMailTransport.IdOf(message);

    public Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<DeliveryResult, Task> onResult, CancellationToken cancellationToken) =>
        SendAsync(messages, SmtpEndpoint.From(options.Value), onResult, cancellationToken);

    /// <summary>Sends over the given server: a tenant's own SMTP settings instead of the global ones.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(
        IReadOnlyList<MimeMessage> messages, SmtpEndpoint settings, Func<DeliveryResult, Task> onResult, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        async Task Report(DeliveryResult result)
        {
            results.Add(result);
            await onResult(result);
        }

        using var client = new RecipientTolerantClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, settings, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SslHandshakeException or SmtpProtocolException or AuthenticationException or SmtpCommandException or MailHostRefusedException or TimeoutException)
        {
            foreach (var message in messages)
            {
                await Report(new DeliveryResult(IdOf(message), false, Transient: true, $"SMTP unavailable: {ex.Message}", Unreachable: true));
            }

            return results;
        }

        foreach (var message in messages)
        {
            client.Rejected.Clear();
            try
            {
                await client.SendAsync(message, cancellationToken);
                var refused = client.Rejected.Where(r => (int)r.Status >= 500).Select(r => r.Address).ToList();
                var error = client.Rejected.Count == 0 ? null
                    : "Not accepted for " + string.Join(", ", client.Rejected.Select(r => $"{r.Address} ({(int)r.Status} {r.Text})"));
                await Report(new DeliveryResult(IdOf(message), true, false, error, refused));
            }
            catch (SmtpCommandException ex)
            {
                // 5xx is permanent (every recipient refused, or the message itself); 4xx is worth another try.
                var transient = (int)ex.StatusCode < 500;
                var refused = transient ? [] : client.Rejected.Select(r => r.Address).ToList();
                await Report(new DeliveryResult(IdOf(message), false, transient, $"{(int)ex.StatusCode} {ex.Message}", refused));
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
            {
                // The server may or may not have taken this one before the connection broke: it counts as an attempt.
                await Report(new DeliveryResult(IdOf(message), false, true, ex.Message));
                break;
            }
        }

        var done = results.Select(r => r.MessageId).ToHashSet();
        foreach (var message in messages.Where(m => !done.Contains(IdOf(m))))
        {
            await Report(new DeliveryResult(IdOf(message), false, true, "Connection lost before sending.", Unreachable: true));
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }

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

    /// <summary>Sends to the recipients a server accepts and notes the ones it refuses, instead of dropping the whole message.</summary>
    private sealed class RecipientTolerantClient : SmtpClient
    {
        public List<(string Address, SmtpStatusCode Status, string Text)> Rejected { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Rejected.Add((mailbox.Address, response.StatusCode, response.Response));

        protected override void OnNoRecipientsAccepted(MimeMessage message)
        {
            var (address, status, text) = Rejected.Count > 0 ? Rejected[^1] : ("", SmtpStatusCode.MailboxUnavailable, "No recipient accepted.");
            throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, new MailboxAddress("", address), text);
        }
    }
}

/// <summary>Writes each message as an .eml file named by its Message-ID: for machines without SMTP, and readable in the app.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private static string IdOf(MimeMessage message) => IMailTransport.IdOf(message);

    public string Directory => options.Value.PickupDirectory;

    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<DeliveryResult, Task> onResult, CancellationToken cancellationToken)
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
            await onResult(results[^1]);
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
