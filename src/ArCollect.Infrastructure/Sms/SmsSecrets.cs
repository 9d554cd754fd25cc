using Microsoft.AspNetCore.DataProtection;

namespace ArCollect.Infrastructure.Sms;

/// <summary>Encrypts Twilio auth tokens at rest, as <see cref="Email.MailSecrets"/> does for mail passwords.</summary>
public sealed class SmsSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ArCollect.Sms.TenantSmsSettings.v1");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret);

    public string? Unprotect(string? stored) => string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
}
