using System.Text.Json;
using ArCollect.Domain.Forecasting;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using ArCollect.Infrastructure.Forecasting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>The 13-week cash forecast with its band, forecast vs actual for past weeks, and a what-if that changes nothing stored.</summary>
public sealed class ForecastModel(ArCollectDbContext db, ForecastService forecast) : PageModel
{
    public sealed record Customer(Guid Id, string Name);

    [BindProperty(SupportsGet = true)]
    public int? TopCount { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TopDays { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CustomerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CustomerDays { get; set; }

    [BindProperty(SupportsGet = true)]
    public decimal? CollectPercent { get; set; }

    public ForecastView Baseline { get; private set; } = null!;
    public IReadOnlyList<ForecastWeek>? Scenario { get; private set; }
    public IReadOnlyList<WeekActual> Past { get; private set; } = [];
    public ForecastTrackRecordReport? TrackRecord { get; private set; }
    public IReadOnlyList<Customer> Customers { get; private set; } = [];
    public string OldestLabel { get; private set; } = "90+";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (table == "accuracy" && TrackRecord is { } record)
        {
            var accuracyRows = record.Summaries.Select(a => (IReadOnlyList<object?>)[MethodLabel(a.Method), a.Horizons, a.Weeks, a.MapePercent, a.BiasPercent, a.CoveragePercent]).ToList();
            return ExportFile.For(new ExportTable("Forecast track record", ["Method", "Horizon", "Weeks", "Weekly MAPE %", "Bias %", "Band coverage %"], accuracyRows), format, "forecast-track-record");
        }

        if (table == "past")
        {
            var pastRows = Past.Select(w => (IReadOnlyList<object?>)[w.WeekStart, w.Forecast, w.Actual, w.Actual - w.Forecast, w.VariancePercent]).ToList();
            return ExportFile.For(new ExportTable("Forecast vs actual", ["Week of", "Forecast", "Actual", "Variance", "Variance %"], pastRows), format, "forecast-vs-actual");
        }

        var rows = Baseline.Weeks.Select((w, i) => (IReadOnlyList<object?>)
            [w.WeekStart, w.Expected, w.Low, w.High, w.Cumulative, Scenario?[i].Expected, Scenario?[i].Cumulative]).ToList();
        var headers = new[] { "Week of", "Expected", "Low", "High", "Cumulative", "Scenario expected", "Scenario cumulative" };
        return ExportFile.For(new ExportTable("13-week forecast", headers, rows), format, $"forecast-{Baseline.AsOf:yyyy-MM-dd}");
    }

    public string ChartJson(bool cumulative) => JsonSerializer.Serialize(new
    {
        type = "line",
        labels = Baseline.Weeks.Select(w => w.WeekStart.ToString("dd MMM", System.Globalization.CultureInfo.InvariantCulture)),
        datasets = cumulative
            ? new object[]
            {
                new { label = "Baseline cumulative", data = Baseline.Weeks.Select(w => w.Cumulative), color = "#0d6efd" },
                new { label = "Scenario cumulative", data = (Scenario ?? []).Select(w => w.Cumulative), color = "#dc3545" },
            }
            : new object[]
            {
                new { label = "Low", data = Baseline.Weeks.Select(w => w.Low), color = "#9ec5fe" },
                new { label = "High", data = Baseline.Weeks.Select(w => w.High), fill = "band" },
                new { label = "Expected", data = Baseline.Weeks.Select(w => w.Expected), color = "#0d6efd" },
                new { label = "Scenario", data = (Scenario ?? []).Select(w => w.Expected), color = "#dc3545" },
            },
    });

    public static string MethodLabel(ForecastMethod method) => method switch
    {
        ForecastMethod.DueDate => "Baseline: paid on the due date",
        ForecastMethod.MeanDelay => "Baseline: due date + customer's mean delay",
        _ => "This forecast",
    };

    public string ExportLink(string table) =>
        $"/Dashboards/Forecast?handler=Export&table={table}&topCount={TopCount}&topDays={TopDays}&customerId={CustomerId}&customerDays={CustomerDays}&collectPercent={CollectPercent}";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Baseline = await forecast.BaselineAsync(cancellationToken);
        Past = Baseline.Past.TakeLast(8).ToList();
        TrackRecord = Baseline.TrackRecord;
        var buckets = (await db.SettingsAsync(cancellationToken)).Buckets();
        OldestLabel = buckets.Label(buckets.LastIndex);
        var top = WhatIf.TopCustomers(Baseline.Receipts, 200);
        Customers = await db.Customers.AsNoTracking().Where(c => top.Contains(c.Id)).OrderBy(c => c.Name)
            .Select(c => new Customer(c.Id, c.Name)).ToListAsync(cancellationToken);

        var scenarios = new List<WhatIfScenario>();
        Validate();
        if (!ModelState.IsValid)
        {
            return;
        }

        if (TopCount is > 0 && TopDays is { } topDays && topDays != 0)
        {
            scenarios.Add(new TopCustomersPayLater(TopCount.Value, topDays));
        }

        if (CustomerId is { } customer && CustomerDays is { } days && days != 0)
        {
            scenarios.Add(new CustomerPaysLater(customer, days));
        }

        if (CollectPercent is { } percent)
        {
            scenarios.Add(new CollectShareOfOldest(percent, buckets.Edges[^1]));
        }

        if (scenarios.Count > 0)
        {
            var changed = WhatIf.Apply(Baseline.Receipts, scenarios, Baseline.AsOf, CashForecast.HorizonEnd(Baseline.AsOf));
            Scenario = CashForecast.Weekly(changed, Baseline.AsOf, CashForecast.Weeks, Baseline.Errors, Baseline.ErrorsByWeek);
        }
    }

    private void Validate()
    {
        if (TopCount is < 1 or > 1000)
        {
            ModelState.AddModelError(nameof(TopCount), "Choose between 1 and 1000 customers.");
        }

        if (TopDays is < -365 or > 365 || CustomerDays is < -365 or > 365)
        {
            ModelState.AddModelError(TopDays is < -365 or > 365 ? nameof(TopDays) : nameof(CustomerDays), "Days must be between -365 and 365.");
        }

        if (CollectPercent is < 0m or > 100m)
        {
            ModelState.AddModelError(nameof(CollectPercent), "The share must be between 0 and 100 %.");
        }
    }
}
