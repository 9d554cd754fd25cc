using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Sms;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Api;

/// <summary>
/// Twilio's callbacks: <c>/webhooks/twilio/status/{tenant}</c> (delivery status of sent SMS) and
/// <c>/webhooks/twilio/inbound/{tenant}</c> (replies: STOP, START). Checked with Twilio's request signature against the
/// tenant's auth token and the public URL Twilio called; a bad or missing signature or a malformed body is answered 403.
/// </summary>
public static class TwilioWebhookEndpoints
{
    public static WebApplication MapTwilioWebhooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/webhooks/twilio").AllowAnonymous().ExcludeFromDescription();
        hooks.MapPost("/status/{tenantId:guid}", (Guid tenantId, HttpContext http, TwilioWebhooks webhooks, IOptions<DunningOptions> options, CancellationToken ct) =>
            HandleAsync(tenantId, http, webhooks, options.Value, webhooks.StatusAsync, ct));
        hooks.MapPost("/inbound/{tenantId:guid}", (Guid tenantId, HttpContext http, TwilioWebhooks webhooks, IOptions<DunningOptions> options, CancellationToken ct) =>
            HandleAsync(tenantId, http, webhooks, options.Value, webhooks.InboundAsync, ct));
        return app;
    }

    /// <summary>The address Twilio signed: the app's public base URL with this request's path and query.</summary>
    public static string SignedUrl(string publicBaseUrl, HttpRequest request) =>
        publicBaseUrl.TrimEnd('/') + request.Path + request.QueryString;

    private static async Task<IResult> HandleAsync(
        Guid tenantId, HttpContext http, TwilioWebhooks webhooks, DunningOptions options,
        Func<IDictionary<string, string>, CancellationToken, Task<bool>> handle, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        if (!await webhooks.VerifyAsync(tenantId, SignedUrl(options.PublicBaseUrl, http.Request), fields, signature, ct)
            || !await handle(fields, ct))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // An empty TwiML answer: nothing is sent back to the customer (Twilio itself confirms STOP and START).
        return Results.Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "text/xml");
    }
}
