using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace ArCollect.Infrastructure.Sms;

/// <summary>What Twilio answered to one send: its SID and status, or the error and whether a retry may help.</summary>
public sealed record SmsSendResult(string? Sid, string? Status, string? Error, bool Transient = false, bool Unreachable = false)
{
    public bool Accepted => Sid is not null;
}

/// <summary>
/// Twilio's Messages API through the Twilio package, over an <see cref="System.Net.Http.HttpClient"/> from the factory
/// ("twilio"), whose handler sends to <see cref="SmsOptions.ApiBaseUrl"/> when one is set.
/// </summary>
public sealed class TwilioGateway(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "twilio";

    public async Task<SmsSendResult> SendAsync(TwilioAccount account, string to, string body, Uri? statusCallback)
    {
        try
        {
            var message = await MessageResource.CreateAsync(
                new CreateMessageOptions(new PhoneNumber(to))
                {
                    From = account.FromNumber is null ? null : new PhoneNumber(account.FromNumber),
                    MessagingServiceSid = account.FromNumber is null ? account.MessagingServiceSid : null,
                    Body = body,
                    StatusCallback = statusCallback,
                },
                Client(account));
            return new SmsSendResult(message.Sid, message.Status?.ToString(), null);
        }
        catch (ApiException ex)
        {
            // 429 and 5xx are Twilio's own trouble and pass; any other answer (e.g. 21211 invalid 'To', 21610 unsubscribed) will not.
            var transient = ex.Status is 429 or >= 500;
            return new SmsSendResult(null, null, $"Twilio answered {ex.Status}, error {ex.Code}: {ex.Message}", transient);
        }
        catch (ApiConnectionException ex)
        {
            return new SmsSendResult(null, null, $"Twilio could not be reached: {ex.InnerException?.Message ?? ex.Message}", Unreachable: true);
        }
    }

    /// <summary>
    /// Twilio takes no idempotency key for messages: before a retry of a claim that may have gone out, ask Twilio for
    /// a message to the same number, from the same sender, with the same text, created since the row was written.
    /// </summary>
    public async Task<(string Sid, string? Status)?> FindSentAsync(TwilioAccount account, string to, string body, DateTimeOffset since)
    {
        var page = await MessageResource.ReadAsync(
            new ReadMessageOptions { To = new PhoneNumber(to), From = account.FromNumber is null ? null : new PhoneNumber(account.FromNumber), DateSentAfter = since.UtcDateTime.AddMinutes(-5), PageSize = 50, Limit = 50 },
            Client(account));
        var match = page.FirstOrDefault(m => string.Equals(m.Body, body, StringComparison.Ordinal));
        return match is null ? null : (match.Sid, match.Status?.ToString());
    }

    private TwilioRestClient Client(TwilioAccount account) =>
        new(account.AccountSid, account.AuthToken, httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
}

/// <summary>A tenant's Twilio credentials and sender: a number, or else a messaging service that picks one.</summary>
public sealed record TwilioAccount(string AccountSid, string AuthToken, string? FromNumber, string? MessagingServiceSid = null);

/// <summary>Points the Twilio package's requests at <see cref="SmsOptions.ApiBaseUrl"/> (same paths, another host).</summary>
public sealed class TwilioBaseUrlHandler(IOptions<SmsOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl) && request.RequestUri is { } uri)
        {
            var target = new Uri(options.Value.ApiBaseUrl);
            request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
