using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.IntegrationTests.Sms;

/// <summary>
/// A loopback HTTP server that answers as Twilio's Messages API does: POST .../Messages.json with Basic auth and a
/// form (To, From, Body, StatusCallback) gets 201 and the message resource in JSON; a number listed as invalid gets
/// Twilio's 400 error 21211; GET .../Messages.json lists messages filtered by To and From.
/// </summary>
public sealed class TwilioTestServer : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "f00dfeedf00dfeedf00dfeedf00dfeed";

    private readonly WebApplication app;

    public sealed record Received(string Sid, string To, string From, string Body, string? StatusCallback);

    public ConcurrentQueue<Received> Messages { get; } = new();

    public HashSet<string> InvalidNumbers { get; } = [];

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private TwilioTestServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public static async Task<TwilioTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TwilioTestServer? server = null;
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpContext http) =>
        {
            if (!Authorized(http, sid))
            {
                return Error(401, 20003, "Authenticate");
            }

            var form = await http.Request.ReadFormAsync();
            var to = form["To"].ToString();
            if (server!.InvalidNumbers.Contains(to))
            {
                return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
            }

            var received = new Received("SM" + Guid.NewGuid().ToString("N"), to, form["From"].ToString(), form["Body"].ToString(), form["StatusCallback"].ToString());
            server.Messages.Enqueue(received);
            return Results.Text(Json(received, "queued"), "application/json", Encoding.UTF8, 201);
        });
        app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", (string sid, HttpContext http) =>
        {
            if (!Authorized(http, sid))
            {
                return Error(401, 20003, "Authenticate");
            }

            var to = http.Request.Query["To"].ToString();
            var from = http.Request.Query["From"].ToString();
            var list = server!.Messages.Where(m => (to.Length == 0 || m.To == to) && (from.Length == 0 || m.From == from)).Select(m => Json(m, "sent"));
            return Results.Text($$"""{"messages":[{{string.Join(",", list)}}],"end":0,"first_page_uri":"/2010-04-01/Accounts/{{sid}}/Messages.json?PageSize=50&Page=0","next_page_uri":null,"page":0,"page_size":50,"previous_page_uri":null,"start":0,"uri":"/2010-04-01/Accounts/{{sid}}/Messages.json?PageSize=50&Page=0"}""", "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TwilioTestServer(app, new Uri(address).Port);
        return server;
    }

    private static bool Authorized(HttpContext http, string sid)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{AccountSid}:{AuthToken}"));
        return sid == AccountSid && http.Request.Headers.Authorization.ToString() == expected;
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Text($$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""", "application/json", Encoding.UTF8, status);

    private static string Json(Received m, string status) =>
        $$"""{"account_sid":"{{AccountSid}}","api_version":"2010-04-01","body":{{System.Text.Json.JsonSerializer.Serialize(m.Body)}},"date_created":"Mon, 15 Jun 2026 09:00:00 +0000","date_sent":null,"date_updated":"Mon, 15 Jun 2026 09:00:00 +0000","direction":"outbound-api","error_code":null,"error_message":null,"from":"{{m.From}}","messaging_service_sid":null,"num_media":"0","num_segments":"1","price":null,"price_unit":"USD","sid":"{{m.Sid}}","status":"{{status}}","subresource_uris":{"media":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{m.Sid}}/Media.json"},"to":"{{m.To}}","uri":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{m.Sid}}.json"}""";

    /// <summary>Twilio's X-Twilio-Signature, worked out here from its documented recipe: HMAC-SHA1 over the URL and the sorted form pairs, Base64.</summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string authToken = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio signs its requests with HMAC-SHA1.
        using var hmac = new System.Security.Cryptography.HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
