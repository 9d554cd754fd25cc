namespace ArCollect.Infrastructure.Email;

public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Outgoing mail. Without an SMTP host, messages are written as .eml files to the pickup folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "ArCollect <collections@arcollect.local>";
    public string PickupDirectory { get; set; } = "";
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Lets tenants' SMTP and IMAP settings reach private, loopback and link-local addresses and any port, for an
    /// operator whose mail relay lives on the internal network. Off by default: see <see cref="MailHostGuard"/>.
    /// </summary>
    public bool AllowPrivateMailHosts { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}
