using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Sms;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins connect the company's Twilio account for SMS reminders: account SID, auth token (stored encrypted, never
/// shown again), sender number or messaging service, quiet hours and on/off; send a test SMS; see recent failures.
/// </summary>
public sealed class SmsModel(
    ArCollectDbContext db, SmsSecrets secrets, SmsSender sender, TwilioGateway gateway, IOptions<DunningOptions> dunning, TimeProvider time,
    ILogger<SmsModel> logger) : PageModel
{
    public sealed record Failure(Guid Id, string To, DateTimeOffset CreatedAt, OutboxStatus Status, string? Error);

    [BindProperty]
    public SmsSettingsInput Input { get; set; } = new();

    /// <summary>The number the test SMS goes to.</summary>
    [BindProperty]
    public string? TestTo { get; set; }

    public string? AuthTokenHint { get; private set; }

    public bool HasAuthToken { get; private set; }

    public bool HasAccount { get; private set; }

    public string StatusCallbackUrl { get; private set; } = "";

    public string InboundUrl { get; private set; } = "";

    public IReadOnlyList<Failure> Failures { get; private set; } = [];

    /// <summary>What Twilio answered to the test SMS.</summary>
    public string? TestResult { get; private set; }

    public bool TestSucceeded { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await db.TenantSmsSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        Input = new SmsSettingsInput
        {
            Enabled = saved?.Enabled ?? false,
            AccountSid = saved?.AccountSid,
            FromNumber = saved?.FromNumber,
            MessagingServiceSid = saved?.MessagingServiceSid,
            QuietStart = saved?.QuietStart ?? QuietHours.Default.Start,
            QuietEnd = saved?.QuietEnd ?? QuietHours.Default.End,
        };
        await DescribeAsync(saved, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await db.TenantSmsSettings.FirstOrDefaultAsync(ct);
        ModelState.Remove(nameof(TestTo));
        ModelState.ApplyValidation(nameof(Input), await new SmsSettingsInputValidator(settings?.AuthTokenProtected is not null).ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            Input.AuthToken = null;
            await DescribeAsync(settings, ct);
            return Page();
        }

        if (settings is null)
        {
            settings = new TenantSmsSettings { Id = Guid.CreateVersion7(), TenantId = db.CurrentTenantId!.Value };
            db.TenantSmsSettings.Add(settings);
        }

        settings.Enabled = Input.Enabled;
        settings.AccountSid = Blank(Input.AccountSid);
        settings.FromNumber = Blank(Input.FromNumber) is { } from ? SmsSettingsInputValidator.Compact(from) : null;
        settings.MessagingServiceSid = Blank(Input.MessagingServiceSid);
        settings.QuietStart = Input.QuietStart!.Value;
        settings.QuietEnd = Input.QuietEnd!.Value;
        if (Blank(Input.AuthToken) is { } token)
        {
            settings.AuthTokenProtected = secrets.Protect(token);
            settings.AuthTokenHint = token[^4..];
        }

        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        Flash = settings.IsConfigured ? "Saved: reminder steps with SMS send through Twilio." : "Saved: SMS is off; SMS decided by the reminder run are parked until it is on.";
        return RedirectToPage();
    }

    /// <summary>Sends one SMS through the saved account, so the Admin sees Twilio's answer before any customer does.</summary>
    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var settings = await db.TenantSmsSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        await OnGetAsync(ct);
        if (settings is not { HasAccount: true })
        {
            ModelState.AddModelError(nameof(TestTo), "Save the account SID, auth token and sender first.");
            return Page();
        }

        if (!ArCollect.Infrastructure.Sms.PhoneNumbers.TryNormalizeMobile(TestTo, null, out var to, out var error))
        {
            ModelState.AddModelError(nameof(TestTo), $"Test number: {error}");
            return Page();
        }

        var company = await db.Tenants.AsNoTracking().Where(t => t.Id == settings.TenantId).Select(t => t.Name).FirstAsync(ct);
        var result = await gateway.SendAsync(sender.AccountOf(settings), to, $"{company}: test message from ArCollect. SMS reminders are set up.", null);
        TestSucceeded = result.Accepted;
        TestResult = result.Accepted
            ? $"Twilio accepted the test SMS to {to} (message {result.Sid}, status {result.Status})."
            : $"Twilio did not accept the test SMS to {to}: {result.Error}";
        logger.LogInformation("Test SMS for {TenantId}: accepted {Accepted}", settings.TenantId, result.Accepted);
        return Page();
    }

    private async Task DescribeAsync(TenantSmsSettings? saved, CancellationToken ct)
    {
        AuthTokenHint = saved?.AuthTokenHint;
        HasAuthToken = saved?.AuthTokenProtected is not null;
        HasAccount = saved?.HasAccount ?? false;
        var baseUrl = dunning.Value.PublicBaseUrl.TrimEnd('/');
        StatusCallbackUrl = $"{baseUrl}/webhooks/twilio/status/{db.CurrentTenantId:N}";
        InboundUrl = $"{baseUrl}/webhooks/twilio/inbound/{db.CurrentTenantId:N}";
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == MessageChannel.Sms && (m.Status == OutboxStatus.DeadLetter || m.Status == OutboxStatus.Parked))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(10)
            .Select(m => new { m.Id, m.ToAddresses, m.CreatedAt, m.Status, m.LastError }).ToListAsync(ct);
        Failures = rows.Select(r => new Failure(r.Id, r.ToAddresses, r.CreatedAt, r.Status, r.LastError)).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
