using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Web.Pages.Dashboards;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Disputes;

/// <summary>Recurring reasons and how disputes end: by reason, customer, product, collector and month, with a Pareto and SLA figures.</summary>
public sealed class AnalyticsModel(DisputeAnalytics analytics, DisputeSuggestions suggestions, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DisputeAnalyticsReport Report { get; private set; } = null!;

    /// <summary>How often the suggested resolution matched the outcome chosen, on the latest fifth of all resolved disputes.</summary>
    public HoldoutResult Holdout { get; private set; } = null!;

    public string ExportUrl => $"/Disputes/Analytics?handler=Export&from={Report.From:yyyy-MM-dd}&to={Report.To:yyyy-MM-dd}";

    public async Task OnGetAsync()
    {
        Report = await LoadAsync();
        Holdout = await suggestions.EvaluateAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        Report = await LoadAsync();
        return ExportFile.For(DisputeAnalytics.Export(Report), format, $"disputes-{Report.From:yyyyMMdd}-{Report.To:yyyyMMdd}");
    }

    private Task<DisputeAnalyticsReport> LoadAsync()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = To ?? today;
        var from = From ?? to.AddMonths(-12).AddDays(1);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return analytics.LoadAsync(from, to, HttpContext.RequestAborted);
    }
}
