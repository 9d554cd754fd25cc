using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Email;

/// <summary>
/// A tenant's own outgoing SMTP server and collections mailbox (IMAP). Passwords are stored encrypted with ASP.NET
/// Data Protection (<see cref="MailSecrets"/>); with no SMTP host the global <see cref="EmailOptions"/> apply.
/// </summary>
public class TenantMailSettings : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;
    public string? SmtpUsername { get; set; }
    public string? SmtpPasswordProtected { get; set; }
    public string? FromAddress { get; set; }

    /// <summary>The collections mailbox address replies go to (Reply-To); plus-addressed per customer when it has no plus part.</summary>
    public string? ReplyToAddress { get; set; }

    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SmtpSecurity ImapSecurity { get; set; } = SmtpSecurity.Auto;
    public string? ImapUsername { get; set; }
    public string? ImapPasswordProtected { get; set; }

    /// <summary>Highest IMAP UID already read, so each poll fetches only new mail.</summary>
    public long ImapLastUid { get; set; }

    public bool UsesOwnSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    public bool HasMailbox => !string.IsNullOrWhiteSpace(ImapHost) && !string.IsNullOrWhiteSpace(ImapUsername);
}
