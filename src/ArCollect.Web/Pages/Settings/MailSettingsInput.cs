using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Email;
using FluentValidation;
using MimeKit;

namespace ArCollect.Web.Pages.Settings;

/// <summary>A tenant's SMTP server and collections mailbox. Empty passwords keep the stored ones.</summary>
public sealed class MailSettingsInput
{
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;
    public string? SmtpUsername { get; set; }
    public string? SmtpPassword { get; set; }
    public string? FromAddress { get; set; }
    public string? ReplyToAddress { get; set; }
    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SmtpSecurity ImapSecurity { get; set; } = SmtpSecurity.Auto;
    public string? ImapUsername { get; set; }
    public string? ImapPassword { get; set; }
}

public sealed class MailSettingsInputValidator : AbstractValidator<MailSettingsInput>
{
    public MailSettingsInputValidator()
    {
        Include(new SafeTextRules<MailSettingsInput>());
        RuleFor(x => x.SmtpPort).InclusiveBetween(1, 65535).WithMessage("SMTP port must be between 1 and 65535.");
        RuleFor(x => x.ImapPort).InclusiveBetween(1, 65535).WithMessage("IMAP port must be between 1 and 65535.");
        RuleFor(x => x.SmtpHost).MaximumLength(253).Matches(@"^[A-Za-z0-9.\-]+$").When(x => !string.IsNullOrWhiteSpace(x.SmtpHost))
            .WithMessage("SMTP host must be a host name or IP address.");
        RuleFor(x => x.ImapHost).MaximumLength(253).Matches(@"^[A-Za-z0-9.\-]+$").When(x => !string.IsNullOrWhiteSpace(x.ImapHost))
            .WithMessage("IMAP host must be a host name or IP address.");
        RuleFor(x => x.FromAddress).Must(IsSingleMailbox).When(x => !string.IsNullOrWhiteSpace(x.FromAddress))
            .WithMessage("From address must be a valid email address, e.g. Accounts <ar@example.com>.");
        RuleFor(x => x.ReplyToAddress).Must(IsSingleMailbox).When(x => !string.IsNullOrWhiteSpace(x.ReplyToAddress))
            .WithMessage("Collections mailbox must be a valid email address.");
        RuleFor(x => x.ImapUsername).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.ImapHost))
            .WithMessage("Enter the mailbox user name for the IMAP server.");
    }

    // One mailbox, no line breaks: a group or a folded value here could smuggle recipients into the header.
    private static bool IsSingleMailbox(string? value) =>
        value is not null && !value.Any(char.IsControl) && MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
