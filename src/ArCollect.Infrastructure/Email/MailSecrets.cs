using Microsoft.AspNetCore.DataProtection;

namespace ArCollect.Infrastructure.Email;

/// <summary>Encrypts mail server passwords at rest; keys live in PostgreSQL with the other Data Protection keys.</summary>
public sealed class MailSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ArCollect.Email.TenantMailSettings.v1");

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret);

    public string? Unprotect(string? stored) => string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
}
