using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace ArCollect.Web.Tests.Payments;

/// <summary>
/// A loopback HTTP server that answers the two Stripe API calls ArCollect makes (create a checkout session, read a
/// balance transaction) as Stripe's API does, and keeps every request it got.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? Authorization, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);

    private readonly WebApplication server;

    private FakeStripe(WebApplication server) => this.server = server;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The fee every balance transaction reports, in the currency's smallest unit.</summary>
    public long FeeMinorUnits { get; set; } = 1230;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/checkout/sessions", async (HttpContext http) =>
        {
            var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            fake.Requests.Enqueue(new Received("POST", http.Request.Path, http.Request.Headers.Authorization, http.Request.Headers["Idempotency-Key"], form));
            var id = "cs_test_" + Guid.NewGuid().ToString("N");
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["mode"] = "payment",
                ["status"] = "open",
                ["payment_status"] = "unpaid",
                ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]"),
                ["success_url"] = form.GetValueOrDefault("success_url"),
                ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
                ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
                ["livemode"] = false,
            });
        });
        app.MapGet("/v1/balance_transactions/{id}", (HttpContext http, string id) =>
        {
            fake.Requests.Enqueue(new Received("GET", http.Request.Path, http.Request.Headers.Authorization, null, new Dictionary<string, string>()));
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "balance_transaction",
                ["amount"] = 40000,
                ["currency"] = "eur",
                ["fee"] = fake.FeeMinorUnits,
                ["net"] = 40000 - fake.FeeMinorUnits,
                ["status"] = "pending",
                ["type"] = "charge",
            });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    /// <summary>An event as Stripe sends it: the envelope around one API object, in this library's API version.</summary>
    public static string Event(string id, string type, object data, DateTimeOffset created) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created.ToUnixTimeSeconds(),
            ["data"] = new Dictionary<string, object?> { ["object"] = data },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        });

    /// <summary>The <c>Stripe-Signature</c> header Stripe computes: <c>t={unix time},v1={HMAC-SHA256 of "t.payload" under the secret}</c>.</summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static async Task<HttpStatusCode> PostWebhookAsync(HttpClient http, Guid tenantId, string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{tenantId}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
