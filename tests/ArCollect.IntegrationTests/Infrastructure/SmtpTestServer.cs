using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback, in this process (the SmtpServer package): it keeps every accepted message, answers
/// 550 for rejected recipients, and can be stopped and restarted on the same port to simulate an outage.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> Recipients)> received = new();
    private readonly ConcurrentDictionary<string, bool> rejected = new(StringComparer.OrdinalIgnoreCase);
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? stop;
    private Task? running;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Runs after a message is stored and before the server answers 250: a slow server, or a crash in that window.</summary>
    public Func<MimeMessage, Task>? OnAccepted { get; set; }

    /// <param name="port">A port chosen earlier with <see cref="FreePort"/>, e.g. to configure the app before the server starts.</param>
    public static async Task<SmtpTestServer> StartAsync(int? port = null)
    {
        var server = new SmtpTestServer(port ?? FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port, as a mail server coming back after an outage.</summary>
    public async Task RestartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        server = new SmtpServer.SmtpServer(options, services);
        stop = new CancellationTokenSource();
        running = server.StartAsync(stop.Token);
        for (var i = 0; i < 100 && !await AcceptsAsync(); i++)
        {
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        server.Shutdown();
        await stop!.CancelAsync();
        try
        {
            await running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Cancelling the listener is how the server stops.
        }

        stop.Dispose();
        server = null;
    }

    /// <summary>From now on the server answers 550 for this recipient.</summary>
    public Task RejectAsync(string address)
    {
        rejected[address.Trim()] = true;
        return Task.CompletedTask;
    }

    /// <summary>The server accepts this recipient again.</summary>
    public void Accept(string address) => rejected.TryRemove(address.Trim(), out _);

    public IReadOnlyList<MimeMessage> Received() => received.Select(r => r.Message).ToList();

    /// <summary>The envelope recipients (RCPT TO the server accepted) of each accepted message.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Recipients() => received.Select(r => r.Recipients).ToList();

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.received.Enqueue((message, transaction.To.Select(m => m.AsAddress()).ToList()));
            if (owner.OnAccepted is { } hook)
            {
                await hook(message);
            }

            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.rejected.ContainsKey(to.AsAddress()));
    }
}
