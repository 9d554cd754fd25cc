using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>
/// A real IMAP server on loopback: Debian's dovecot-imapd started in the foreground with a throwaway config (static
/// password, maildir in a temp folder, no TLS). Dovecot drops privileges to its system users, so the test process
/// runs as root (as CI does); tests put mail in with IMAP APPEND like any mail client.
/// </summary>
public sealed class ImapTestServer : IAsyncDisposable
{
    public const string User = "collections";
    public const string Password = "imap-test-password";

    private readonly string folder = Directory.CreateTempSubdirectory("arcollect-imap-").FullName;
    private Process? process;

    public int Port { get; } = FreePort();

    public static async Task<ImapTestServer> StartAsync()
    {
        var server = new ImapTestServer();
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Adds a message to the mailbox, as mail arriving from outside.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    private async Task StartProcessAsync()
    {
        foreach (var sub in new[] { "mail", "home", "run", "state" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The IMAP test server runs Debian's dovecot and needs Linux.");
        }

        // The mail user (dovecot) must be able to write its maildir under the temp folder.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(folder, "mail"), (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Path.Combine(folder, "home"), (UnixFileMode)0b111_111_111);
        var config = Path.Combine(folder, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            log_path = {{folder}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{folder}}/mail/%u
            first_valid_uid = 1
            default_internal_user = dovecot
            default_login_user = dovenull
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=dovecot gid=dovecot home={{folder}}/home/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/dovecot") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-F", "-c", config })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dovecot.");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        var log = File.Exists(Path.Combine(folder, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "dovecot.log")) : "";
        throw new InvalidOperationException($"dovecot did not start: {await process.StandardError.ReadToEndAsync()} {log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
