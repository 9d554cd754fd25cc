using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins set the aging bucket edges, the collection-rate target and the alert thresholds.</summary>
public sealed class DashboardsModel(ArCollectDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public string AgingEdges { get; set; } = "";

    [BindProperty]
    public decimal CollectionRateTargetPercent { get; set; }

    [BindProperty]
    public int KeyAccountAgingDays { get; set; }

    [BindProperty]
    public decimal ForecastVarianceThresholdPercent { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        AgingEdges = settings.AgingEdges;
        CollectionRateTargetPercent = settings.CollectionRateTargetPercent;
        KeyAccountAgingDays = settings.KeyAccountAgingDays;
        ForecastVarianceThresholdPercent = settings.ForecastVarianceThresholdPercent;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (buckets, error) = AgingBuckets.TryParse(AgingEdges);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(AgingEdges), error);
        }

        if (CollectionRateTargetPercent is < 0m or > 100m)
        {
            ModelState.AddModelError(nameof(CollectionRateTargetPercent), "The target must be between 0 and 100 %.");
        }

        if (KeyAccountAgingDays is < 1 or > 3650)
        {
            ModelState.AddModelError(nameof(KeyAccountAgingDays), "Days must be between 1 and 3650.");
        }

        if (ForecastVarianceThresholdPercent is < 0m or > 100m)
        {
            ModelState.AddModelError(nameof(ForecastVarianceThresholdPercent), "The threshold must be between 0 and 100 %.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.DashboardSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new Domain.Dashboards.DashboardSettings { Id = Guid.CreateVersion7() };
            db.DashboardSettings.Add(settings);
        }

        settings.AgingEdges = buckets!.ToString();
        settings.CollectionRateTargetPercent = CollectionRateTargetPercent;
        settings.KeyAccountAgingDays = KeyAccountAgingDays;
        settings.ForecastVarianceThresholdPercent = ForecastVarianceThresholdPercent;
        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Dashboard settings saved.";
        return RedirectToPage();
    }
}
