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

    /// <summary>The Twilio number messages come from, in E.164.</summary>
    public string? FromNumber { get; set; }

    public TimeOnly QuietStart { get; set; } = QuietHours.Default.Start;
    public TimeOnly QuietEnd { get; set; } = QuietHours.Default.End;
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthTokenProtected) && !string.IsNullOrWhiteSpace(FromNumber);

    public QuietHours QuietHours => new(QuietStart, QuietEnd);
}
