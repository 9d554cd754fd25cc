using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins set their own SMTP server and collections mailbox; passwords are stored encrypted and never shown.</summary>
public sealed class MailModel(ArCollectDbContext db, MailSecrets secrets) : PageModel
{
    [BindProperty]
    public MailSettingsInput Input { get; set; } = new();

    public bool HasSmtpPassword { get; private set; }

    public bool HasImapPassword { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var settings = await db.TenantMailSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings is not null)
        {
            Input = new MailSettingsInput
            {
                SmtpHost = settings.SmtpHost,
                SmtpPort = settings.SmtpPort,
                SmtpSecurity = settings.SmtpSecurity,
                SmtpUsername = settings.SmtpUsername,
                FromAddress = settings.FromAddress,
                ReplyToAddress = settings.ReplyToAddress,
                ImapHost = settings.ImapHost,
                ImapPort = settings.ImapPort,
                ImapSecurity = settings.ImapSecurity,
                ImapUsername = settings.ImapUsername,
            };
        }

        Flags(settings);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var error in new MailSettingsInputValidator().Validate(Input).Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        var settings = await db.TenantMailSettings.FirstOrDefaultAsync(ct);
        if (ModelState.IsValid)
        {
            if (settings is null)
            {
                settings = new TenantMailSettings { Id = Guid.CreateVersion7() };
                db.TenantMailSettings.Add(settings);
            }

            settings.SmtpHost = Blank(Input.SmtpHost);
            settings.SmtpPort = Input.SmtpPort;
            settings.SmtpSecurity = Input.SmtpSecurity;
            settings.SmtpUsername = Blank(Input.SmtpUsername);
            settings.FromAddress = Blank(Input.FromAddress);
            settings.ReplyToAddress = Blank(Input.ReplyToAddress);
            settings.ImapHost = Blank(Input.ImapHost);
            settings.ImapPort = Input.ImapPort;
            settings.ImapSecurity = Input.ImapSecurity;
            settings.ImapUsername = Blank(Input.ImapUsername);
            if (!string.IsNullOrEmpty(Input.SmtpPassword))
            {
                settings.SmtpPasswordProtected = secrets.Protect(Input.SmtpPassword);
            }

            if (!string.IsNullOrEmpty(Input.ImapPassword))
            {
                settings.ImapPasswordProtected = secrets.Protect(Input.ImapPassword);
            }

            await db.SaveChangesAsync(ct);
            Saved = true;
        }

        Input.SmtpPassword = null;
        Input.ImapPassword = null;
        Flags(settings);
        return Page();
    }

    private void Flags(TenantMailSettings? settings)
    {
        HasSmtpPassword = settings?.SmtpPasswordProtected is not null;
        HasImapPassword = settings?.ImapPasswordProtected is not null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
