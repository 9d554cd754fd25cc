using System.Net;
using System.Net.Sockets;
using ArCollect.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Drafting;

/// <summary>The endpoint resolved to an address the app must not reach.</summary>
public sealed class EndpointRefusedException(string message) : Exception(message);

/// <summary>
/// The one HTTP client the language-model path uses, guarded like any outbound URL: http(s) only, no credentials in
/// the URL, no redirects, a timeout and a response size limit, and (unless the operator allows private endpoints)
/// every address the host resolves to is checked when connecting, so a name that later points inside is refused.
/// </summary>
public sealed class LanguageModelEndpoint : IDisposable
{
    private readonly bool allowPrivate;

    public LanguageModelEndpoint(IOptions<DraftingOptions> options)
    {
        var o = options.Value;
        allowPrivate = o.AllowPrivateEndpoints;
        Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = Timeout,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        };
        Http = new HttpClient(handler) { Timeout = Timeout, MaxResponseContentBufferSize = o.MaxResponseBytes };
    }

    public HttpClient Http { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Why the URL cannot be used (for the settings form), or null.</summary>
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the endpoint's address, e.g. https://api.openai.com/v1.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "The endpoint must be an http:// or https:// address.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Put the key in the API key field, not in the address.";
        }

        return url.Trim().Length > Domain.Drafting.DraftingLimits.EndpointLength ? "The address is too long." : null;
    }

    /// <summary>The check at save time: an address typed in, or what the name resolves to now.</summary>
    public async Task<string?> AddressProblemAsync(string url, CancellationToken ct)
    {
        if (allowPrivate || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token);
            return addresses.Select(a => MailHostGuard.AddressProblem(a) is { } p ? $"{uri.Host} is {p}; the app does not send data there." : null)
                .FirstOrDefault(p => p is not null);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    public void Dispose() => Http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowPrivate && addresses.Select(MailHostGuard.AddressProblem).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new EndpointRefusedException($"{host} is {problem}; the app does not send data there.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
