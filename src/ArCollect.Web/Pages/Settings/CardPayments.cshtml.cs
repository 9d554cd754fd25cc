using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Infrastructure.Portal;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins connect the tenant's Stripe account: secret key and webhook signing secret are stored encrypted and never
/// shown again; the page shows the webhook address to enter in Stripe.
/// </summary>
public sealed class CardPaymentsModel(ArCollectDbContext db, StripeSecrets secrets, PortalLinks links, TimeProvider time) : PageModel
{
    [BindProperty]
    public StripeSettingsInput Input { get; set; } = new();

    public string? SecretKeyHint { get; private set; }

    public bool HasWebhookSecret { get; private set; }

    public string WebhookUrl { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var saved = await db.StripeSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        Input = new StripeSettingsInput { Enabled = saved?.Enabled ?? false };
        await DescribeAsync(saved, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = await db.StripeSettings.FirstOrDefaultAsync(ct);
        var validator = new StripeSettingsInputValidator(settings?.SecretKeyProtected is not null, settings?.WebhookSecretProtected is not null);
        ModelState.ApplyValidation(nameof(Input), await validator.ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            Input.SecretKey = null;
            Input.WebhookSecret = null;
            await DescribeAsync(settings, ct);
            return Page();
        }

        if (settings is null)
        {
            settings = new StripeSettings { TenantId = db.CurrentTenantId!.Value };
            db.StripeSettings.Add(settings);
        }

        settings.Enabled = Input.Enabled;
        if (!string.IsNullOrWhiteSpace(Input.SecretKey))
        {
            var key = Input.SecretKey.Trim();
            settings.SecretKeyProtected = secrets.Protect(key);
            settings.SecretKeyHint = key[^4..];
        }

        if (!string.IsNullOrWhiteSpace(Input.WebhookSecret))
        {
            settings.WebhookSecretProtected = secrets.Protect(Input.WebhookSecret.Trim());
        }

        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = settings.Enabled ? "Saved: customers can pay by card in the portal." : "Saved: card payments are off.";
        return RedirectToPage();
    }

    private async Task DescribeAsync(StripeSettings? saved, CancellationToken ct)
    {
        SecretKeyHint = saved?.SecretKeyHint;
        HasWebhookSecret = saved?.WebhookSecretProtected is not null;
        WebhookUrl = $"{await links.BaseUrlAsync(ct)}/webhooks/stripe/{db.CurrentTenantId}";
    }
}
