using System.Security.Claims;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins set their own SMTP server and collections mailbox, and try the saved ones; passwords are stored encrypted and
/// never shown. Hosts on the app's own network and non-mail ports are refused (see <see cref="MailHostGuard"/>).
/// </summary>
public sealed class MailModel(ArCollectDbContext db, MailSecrets secrets, IOptions<EmailOptions> options, MailSettingsTester tester) : PageModel
{
    [BindProperty]
    public MailSettingsInput Input { get; set; } = new();

    public bool HasSmtpPassword { get; private set; }

    public bool HasImapPassword { get; private set; }

    public bool Saved { get; private set; }

    public MailTestResult? TestResult { get; private set; }

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

        if (ModelState.IsValid)
        {
            await CheckHostAsync(Input.SmtpHost, Input.SmtpPort, MailProtocol.Smtp, "Smtp", ct);
            await CheckHostAsync(Input.ImapHost, Input.ImapPort, MailProtocol.Imap, "Imap", ct);
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

    /// <summary>Sends a short message to the signed-in admin through the saved SMTP server.</summary>
    public async Task<IActionResult> OnPostTestSmtpAsync(CancellationToken ct)
    {
        var to = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "";
        TestResult = await tester.SendTestMessageAsync(to, ct);
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>Signs in to the saved collections mailbox and opens its inbox.</summary>
    public async Task<IActionResult> OnPostTestImapAsync(CancellationToken ct)
    {
        TestResult = await tester.TestMailboxAsync(ct);
        await OnGetAsync(ct);
        return Page();
    }

    private async Task CheckHostAsync(string? host, int port, MailProtocol protocol, string prefix, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return;
        }

        var (hostProblem, portProblem) = await MailHostGuard.CheckAsync(host.Trim(), port, protocol, options.Value.AllowPrivateMailHosts, ct);
        if (hostProblem is not null)
        {
            ModelState.AddModelError($"Input.{prefix}Host", $"{protocol.ToString().ToUpperInvariant()} host refused: {hostProblem}");
        }

        if (portProblem is not null)
        {
            ModelState.AddModelError($"Input.{prefix}Port", portProblem);
        }
    }

    private void Flags(TenantMailSettings? settings)
    {
        HasSmtpPassword = settings?.SmtpPasswordProtected is not null;
        HasImapPassword = settings?.ImapPasswordProtected is not null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
