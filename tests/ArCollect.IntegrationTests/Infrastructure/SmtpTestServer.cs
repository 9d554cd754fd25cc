using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd with a small handler that stores each message as an
/// .eml file and answers 550 for addresses listed in a reject file. Stop and restart simulate an outage.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private const string Handler = """
        import os, sys, uuid
        from aiosmtpd.controller import Controller
        maildir, rejectfile, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                rejected = set()
                if os.path.exists(rejectfile):
                    with open(rejectfile) as f:
                        rejected = {line.strip().lower() for line in f if line.strip()}
                if address.lower() in rejected:
                    return '550 5.1.1 <%s>: Recipient address rejected: User unknown' % address
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(maildir, uuid.uuid4().hex)
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 Message accepted for delivery'
        controller = Controller(Handler(), hostname='127.0.0.1', port=port)
        controller.start()
        print('READY', flush=True)
        try:
            sys.stdin.read()
        finally:
            controller.stop()
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("arcollect-smtp-").FullName;
    private Process? process;

    public int Port { get; } = FreePort();

    public string MailDirectory => Path.Combine(folder, "mail");

    private string RejectFile => Path.Combine(folder, "reject.txt");

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer();
        Directory.CreateDirectory(server.MailDirectory);
        await File.WriteAllTextAsync(Path.Combine(server.folder, "handler.py"), Handler);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port, as a mail server coming back after an outage.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(folder, "handler.py"), MailDirectory, RejectFile, Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3 for the SMTP server.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "READY")
        {
            throw new InvalidOperationException($"SMTP test server did not start: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>From now on the server answers 550 for this recipient.</summary>
    public Task RejectAsync(string address) => File.AppendAllTextAsync(RejectFile, address + "\n");

    public IReadOnlyList<MimeMessage> Received() =>
        Directory.GetFiles(MailDirectory, "*.eml").Select(f => MimeMessage.Load(f)).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
