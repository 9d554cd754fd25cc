using System.Net;
using System.Net.Sockets;

namespace ArCollect.Infrastructure.Email;

public enum MailProtocol
{
    Smtp,
    Imap,
}

/// <summary>A tenant's mail server points somewhere the app must not connect to.</summary>
public sealed class MailHostRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps tenant mail settings from reaching the app's own network: a host must resolve only to public addresses
/// (no loopback, private, link-local such as 169.254.169.254, unique-local, multicast or unspecified ones) and use a
/// mail port. Checked when settings are saved and again, after resolving, on every connection, so a name that later
/// resolves elsewhere is still refused. <see cref="EmailOptions.AllowPrivateMailHosts"/> lets an operator use a
/// private relay.
/// </summary>
public static class MailHostGuard
{
    public static readonly IReadOnlySet<int> SmtpPorts = new HashSet<int> { 25, 465, 587, 2525 };

    public static readonly IReadOnlySet<int> ImapPorts = new HashSet<int> { 143, 993 };

    private static readonly TimeSpan SaveLookupTimeout = TimeSpan.FromSeconds(3);

    public static string? PortProblem(MailProtocol protocol, int port, bool allowPrivate)
    {
        var ports = protocol == MailProtocol.Smtp ? SmtpPorts : ImapPorts;
        return allowPrivate || ports.Contains(port) ? null
            : $"{protocol.ToString().ToUpperInvariant()} port must be one of {string.Join(", ", ports)}.";
    }

    /// <summary>Why the app must not connect to this address, or null for a public one.</summary>
    public static string? AddressProblem(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "an unspecified address",
                10 => "a private address",
                100 when b[1] is >= 64 and < 128 => "a private address",
                169 when b[1] == 254 => "a link-local address",
                172 when b[1] is >= 16 and < 32 => "a private address",
                192 when b[1] == 168 => "a private address",
                >= 224 and < 240 => "a multicast address",
                >= 240 => "a reserved address",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        return address.IsIPv6LinkLocal ? "a link-local address"
            : address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal ? "a private address"
            : address.IsIPv6Multicast ? "a multicast address"
            : null;
    }

    /// <summary>
    /// The check made when settings are saved: the port, an address typed in, and the addresses the name resolves
    /// to now. A name that does not resolve yet is accepted; the connection checks it again.
    /// </summary>
    public static async Task<(string? HostProblem, string? PortProblem)> CheckAsync(
        string host, int port, MailProtocol protocol, bool allowPrivate, CancellationToken ct)
    {
        var portProblem = PortProblem(protocol, port, allowPrivate);
        if (allowPrivate)
        {
            return (null, portProblem);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SaveLookupTimeout);
        try
        {
            var addresses = await ResolveAsync(host, timeout.Token);
            return (Refusal(host, addresses), portProblem);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (IsLocalName(host) ? $"{host} is a local host name; use the public name of your mail server." : null, portProblem);
        }
    }

    /// <summary>Resolves the host, refuses it if any address or the port is not allowed, and connects to a checked address.</summary>
    public static async Task<Socket> ConnectAsync(string host, int port, MailProtocol protocol, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await ResolveAsync(host, ct);
        if ((allowPrivate ? null : Refusal(host, addresses) ?? PortProblem(protocol, port, allowPrivate)) is { } refusal)
        {
            throw new MailHostRefusedException(refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Connecting to the addresses just checked, not the name, so a second lookup cannot answer differently.
            await socket.ConnectAsync(addresses, port, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    private static string? Refusal(string host, IPAddress[] addresses)
    {
        if (IsLocalName(host))
        {
            return $"{host} is a local host name; use the public name of your mail server.";
        }

        foreach (var address in addresses)
        {
            if (AddressProblem(address) is { } problem)
            {
                return host == address.ToString() ? $"{host} is {problem}; use a public mail server."
                    : $"{host} resolves to {address}, {problem}; use a public mail server.";
            }
        }

        return addresses.Length == 0 ? $"{host} does not resolve to any address." : null;
    }

    private static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || !host.Contains('.', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _);
}
