using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins set how long portal links last, how far ahead customers may promise, and the tenant's own portal address.</summary>
public sealed class PortalModel(ArCollectDbContext db, IOptions<DunningOptions> options) : PageModel
{
    [BindProperty]
    public PortalSettingsInput Input { get; set; } = new();

    public string OperatorBaseUrl => options.Value.PublicBaseUrl;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(ct) is { } saved)
        {
            Input = new PortalSettingsInput { LinkLifetimeDays = saved.LinkLifetimeDays, MaxPromiseDays = saved.MaxPromiseDays, PublicBaseUrl = saved.PublicBaseUrl };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ApplyValidation(nameof(Input), await new PortalSettingsInputValidator().ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.PortalSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = PortalSettings.Defaults(db.CurrentTenantId!.Value);
            db.PortalSettings.Add(settings);
        }

        settings.LinkLifetimeDays = Input.LinkLifetimeDays;
        settings.MaxPromiseDays = Input.MaxPromiseDays;
        settings.PublicBaseUrl = string.IsNullOrWhiteSpace(Input.PublicBaseUrl) ? null : Input.PublicBaseUrl.Trim().TrimEnd('/');
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Portal settings saved.";
        return RedirectToPage();
    }
}
