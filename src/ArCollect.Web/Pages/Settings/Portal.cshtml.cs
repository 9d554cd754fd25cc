using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Portal;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins set how long portal links last, how far ahead customers may promise and with what grace, the tenant's own
/// portal address, the one-time code, and the payment-plan rules (instalments, risk bands, per currency limits, grace).
/// </summary>
public sealed class PortalModel(ArCollectDbContext db, IOptions<DunningOptions> options) : PageModel
{
    [BindProperty]
    public PortalSettingsInput Input { get; set; } = new();

    public string OperatorBaseUrl => options.Value.PublicBaseUrl;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(ct) is { } saved)
        {
            Input = new PortalSettingsInput
            {
                LinkLifetimeDays = saved.LinkLifetimeDays,
                MaxPromiseDays = saved.MaxPromiseDays,
                PublicBaseUrl = saved.PublicBaseUrl,
                PromiseGraceDays = saved.PromiseGraceDays,
                PlanMaxInstalments = saved.PlanMaxInstalments,
                PlanEligibleBands = [.. PaymentPlanRules.ParseBands(saved.PlanEligibleBands)],
                PlanGraceDays = saved.PlanGraceDays,
                RequireOneTimeCode = saved.RequireOneTimeCode,
            };
        }

        Input.PlanCurrencies = await db.PaymentPlanCurrencyRules.AsNoTracking().OrderBy(r => r.Currency)
            .Select(r => new PlanCurrencyRow { Currency = r.Currency, MinInstalment = r.MinInstalment, MaxBalance = r.MaxBalance }).ToListAsync(ct);
        PadCurrencyRows();
    }

    /// <summary>Two empty rows below the saved ones, for new currencies.</summary>
    private void PadCurrencyRows()
    {
        Input.PlanCurrencies.AddRange(Enumerable.Range(0, 2).Select(_ => new PlanCurrencyRow()));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ApplyValidation(nameof(Input), await new PortalSettingsInputValidator().ValidateAsync(Input, ct));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var rows = Input.PlanCurrencies.Where(r => !string.IsNullOrWhiteSpace(r.Currency)).ToList();

        var settings = await db.PortalSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = PortalSettings.Defaults(db.CurrentTenantId!.Value);
            db.PortalSettings.Add(settings);
        }

        settings.LinkLifetimeDays = Input.LinkLifetimeDays;
        settings.MaxPromiseDays = Input.MaxPromiseDays;
        settings.PublicBaseUrl = string.IsNullOrWhiteSpace(Input.PublicBaseUrl) ? null : Input.PublicBaseUrl.Trim().TrimEnd('/');
        settings.PromiseGraceDays = Input.PromiseGraceDays;
        settings.PlanMaxInstalments = Input.PlanMaxInstalments;
        settings.PlanEligibleBands = Input.PlanEligibleBands.Count == 0 ? null : string.Join(",", Input.PlanEligibleBands.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        settings.PlanGraceDays = Input.PlanGraceDays;
        settings.RequireOneTimeCode = Input.RequireOneTimeCode;
        db.PaymentPlanCurrencyRules.RemoveRange(await db.PaymentPlanCurrencyRules.ToListAsync(ct));
        db.PaymentPlanCurrencyRules.AddRange(rows.Select(r => new PaymentPlanCurrencyRule
        {
            Id = Guid.CreateVersion7(),
            Currency = r.Currency!.Trim().ToUpperInvariant(),
            MinInstalment = r.MinInstalment,
            MaxBalance = r.MaxBalance,
        }));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Portal settings saved.";
        return RedirectToPage();
    }
}
