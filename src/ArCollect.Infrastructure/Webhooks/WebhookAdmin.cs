using System.Text.Json;
using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Webhooks;

/// <summary>What an Admin asks for a new endpoint, from the settings page or the API.</summary>
public sealed record WebhookEndpointInput(string? Url, string? Description, IReadOnlyList<string>? Events);

/// <summary>A created endpoint with its signing secret, which is shown this once.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);

/// <summary>Registering, re-enabling, testing and removing endpoints, shared by the settings page and the API.</summary>
public sealed class WebhookAdmin(ArCollectDbContext db, WebhookHttp http, WebhookSender sender, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The endpoint, or the problems by field name (url, description, events).</summary>
    public async Task<(CreatedWebhookEndpoint? Created, Dictionary<string, string> Errors)> CreateAsync(WebhookEndpointInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await http.CheckUrlAsync(input.Url, cancellationToken) is { } urlError)
        {
            errors["url"] = urlError;
        }

        var events = (input.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0)
        {
            errors["events"] = "Choose at least one event to send.";
        }
        else if (events.FirstOrDefault(e => !WebhookEvents.IsKnown(e)) is { } unknown)
        {
            errors["events"] = $"\"{unknown}\" is not an event; use {string.Join(", ", WebhookEvents.All.Select(e => e.Type))}.";
        }

        if (input.Description is { Length: > 200 })
        {
            errors["description"] = "Keep the description under 200 characters.";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            Url = input.Url!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Events = events,
            SecretProtected = protection.CreateProtector(WebhookSender.ProtectorPurpose).Protect(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return (new CreatedWebhookEndpoint(endpoint, secret), errors);
    }

    /// <summary>Turns a disabled endpoint back on; deliveries still pending go out on the next run.</summary>
    public async Task<bool> EnableAsync(Guid id, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Enabled, true)
            .SetProperty(e => e.ConsecutiveFailures, 0)
            .SetProperty(e => e.DisabledAt, (DateTimeOffset?)null)
            .SetProperty(e => e.DisabledReason, (string?)null), cancellationToken) == 1;

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>Sends a signed test event at once and returns the receiver's answer (logged like any delivery); null for an unknown endpoint.</summary>
    public async Task<WebhookResponse?> SendTestAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = $"{WebhookEvents.Test}:{Guid.CreateVersion7()}";
        var payload = JsonSerializer.Serialize(new
        {
            id = key,
            type = WebhookEvents.Test,
            created = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            data = new { message = "A test event from ArCollect: the signature header verifies with this endpoint's secret." },
        });
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            EndpointId = id,
            EventType = WebhookEvents.Test,
            EventKey = key,
            Payload = payload,

            // Claimed by this request from the start, so the background sender never takes it too.
            Status = WebhookDeliveryStatus.Sending,
            Attempts = 1,
            ClaimedUntil = now + WebhookSender.Hold,
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await sender.AttemptAsync(delivery.Id, cancellationToken);
    }
}
