using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ArCollect.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Webhooks;

/// <summary>The answer to one attempt: the status code if one came, whether it counts as delivered, and why not.</summary>
public sealed record WebhookResponse(int? StatusCode, bool Succeeded, string? Error, int DurationMs);

/// <summary>Thrown by the connect step when every address of the target lies inside a private network.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);

/// <summary>
/// Posts webhook deliveries. The guard against server-side request forgery is applied twice: when an Admin saves a
/// URL (<see cref="CheckUrlAsync"/>) and on every connection, where the host is resolved again and only an allowed
/// address is connected to, so a name that later resolves to a private address (DNS rebinding) is still refused.
/// No proxy, no redirects (a redirect is a failed delivery), a timeout and a cap on the answer read.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    private readonly WebhookOptions options;
    private readonly HttpClient client;

    public WebhookHttp(IOptions<WebhookOptions> options)
    {
        this.options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = this.options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        client = new HttpClient(handler) { Timeout = this.options.Timeout };
    }

    /// <summary>Null when the URL may receive events, else the reason it may not, in words for the Admin.</summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        var (uri, error) = WebhookAddressRules.ParseUrl(url);
        if (uri is null || options.AllowPrivateTargets)
        {
            return error;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host {uri.IdnHost} could not be found: check the URL.";
        }

        var refused = addresses.FirstOrDefault(WebhookAddressRules.IsForbidden);
        return refused is null ? null : Refusal(uri.IdnHost, refused);
    }

    public async Task<WebhookResponse> PostAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        int Elapsed() => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.ParseAdd("ArCollect-Webhooks/1.0");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var answer = await ReadCappedAsync(response, cancellationToken);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300)
            {
                return new(code, true, null, Elapsed());
            }

            var error = code is >= 300 and < 400
                ? $"The receiver answered {code} redirecting to {response.Headers.Location}; redirects are not followed, so answer 2xx at the registered URL."
                : $"The receiver answered {code} {response.ReasonPhrase}.{(answer.Length > 0 ? " " + answer : "")}";
            return new(code, false, error, Elapsed());
        }
        catch (HttpRequestException ex) when (Refused(ex) is { } refused)
        {
            return new(null, false, refused.Message, Elapsed());
        }
        catch (HttpRequestException ex)
        {
            return new(null, false, $"Could not reach the receiver: {ex.Message}", Elapsed());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, false, $"No answer within {options.Timeout.TotalSeconds:0} seconds.", Elapsed());
        }
    }

    public void Dispose() => client.Dispose();

    private static WebhookTargetRefusedException? Refused(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>Reads at most the configured number of bytes of the answer and keeps its start for the log.</summary>
    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var head = new byte[200];
        var chunk = new byte[4096];
        var kept = 0;
        var total = 0;
        int read;
        while (total < options.MaxResponseBytes && (read = await stream.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, options.MaxResponseBytes - total)), cancellationToken)) > 0)
        {
            var copy = Math.Min(read, head.Length - kept);
            Array.Copy(chunk, 0, head, kept, copy);
            kept += copy;
            total += read;
        }

        var text = Encoding.UTF8.GetString(head, 0, kept).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "" : $"It said: {text}";
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = options.AllowPrivateTargets ? addresses : addresses.Where(a => !WebhookAddressRules.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(Refusal(host, addresses.FirstOrDefault() ?? IPAddress.None));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);

            // The address actually connected to is checked once more, whatever the resolver returned.
            if (!options.AllowPrivateTargets && socket.RemoteEndPoint is IPEndPoint remote && WebhookAddressRules.IsForbidden(remote.Address))
            {
                throw new WebhookTargetRefusedException(Refusal(host, remote.Address));
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }

    private static string Refusal(string host, IPAddress address) =>
        $"{host} {(IPAddress.TryParse(host.Trim('[', ']'), out _) ? "is" : $"resolves to {address}, which is")} an address inside a private network "
        + "(loopback, private, link-local or metadata); events are only sent to public addresses.";
}
