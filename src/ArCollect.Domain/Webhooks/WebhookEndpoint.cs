using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Webhooks;

/// <summary>A receiver an Admin registered for some events; deliveries are signed with its own secret.</summary>
public class WebhookEndpoint : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>The event types it receives (<see cref="WebhookEvents"/>).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>The signing secret, protected with ASP.NET Data Protection.</summary>
    public required string SecretProtected { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Failed attempts in a row since the last success; reaching the limit disables the endpoint.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Claimed by a sender; an expired claim is taken again.</summary>
    Sending,
    Delivered,

    /// <summary>Every attempt failed; a person can send it again.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint, written in the transaction of the change it reports. <see cref="EventKey"/> is unique
/// per endpoint, so an event is enqueued once however often its change is replayed; the body is fixed when written,
/// so every retry carries the same bytes.
/// </summary>
public class WebhookDelivery : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid EndpointId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The event's id, the same for every endpoint (e.g. <c>invoice.issued:{invoice id}</c>).</summary>
    public required string EventKey { get; set; }
    public required string Payload { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not before when it is tried (again); null for a new delivery, due at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery, for the Admin's delivery log.</summary>
public class WebhookAttempt : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid EndpointId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}
