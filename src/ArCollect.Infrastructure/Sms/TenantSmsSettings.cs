using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Sms;

/// <summary>
/// A tenant's Twilio account and sender number (the auth token encrypted with ASP.NET Data Protection,
/// <see cref="SmsSecrets"/>) and its quiet hours. Without an account, SMS are written to the pickup folder and parked
/// as "not configured", never shown as sent.
/// </summary>
public class TenantSmsSettings : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string? AccountSid { get; set; }
    public string? AuthTokenProtected { get; set; }

    /// <summary>The last four characters of the auth token, so the settings page can say which one is saved.</summary>
    public string? AuthTokenHint { get; set; }

    /// <summary>The Twilio number messages come from, in E.164; empty when a messaging service chooses the sender.</summary>
    public string? FromNumber { get; set; }

    /// <summary>A Twilio Messaging Service (MG...) that picks the sender from its pool; used when no number is set.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Off: nothing goes to Twilio; SMS decided meanwhile are parked and can be requeued.</summary>
    public bool Enabled { get; set; } = true;

    public TimeOnly QuietStart { get; set; } = QuietHours.Default.Start;
    public TimeOnly QuietEnd { get; set; } = QuietHours.Default.End;
    public DateTimeOffset UpdatedAt { get; set; }

    public bool HasAccount => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthTokenProtected)
        && (!string.IsNullOrWhiteSpace(FromNumber) || !string.IsNullOrWhiteSpace(MessagingServiceSid));

    public bool IsConfigured => Enabled && HasAccount;

    public QuietHours QuietHours => new(QuietStart, QuietEnd);
}
