using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArCollect.IntegrationTests.Webhooks;

/// <summary>A webhook receiver on loopback: records every request and answers with the next status queued (200 when none).</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(int Status, string? Location)> answers = new();
    private readonly Task loop;

    public WebhookReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers);

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/arcollect";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public void Answer(int status, string? location = null) => answers.Enqueue((status, location));

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        _ = loop;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Received(body, headers));
            var (status, location) = answers.TryDequeue(out var next) ? next : (200, null);
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.RedirectLocation = location;
            }

            var answer = Encoding.UTF8.GetBytes(status < 300 ? "ok" : "receiver unhappy");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}
