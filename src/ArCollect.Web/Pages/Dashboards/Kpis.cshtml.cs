using System.Text.Json;
using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>DSO, CEI, ADD and the other KPIs per week or month over the last 12 months, computed by <see cref="KpiCalculator"/>.</summary>
public sealed class KpisModel(ArCollectDbContext db, KpiQuery query) : PageModel
{
    public static readonly IReadOnlyList<(string Name, string Definition)> Definitions =
    [
        ("DSO", "Days sales outstanding: closing receivables / credit sales of the period x days in the period."),
        ("Countback DSO", "Walks back month by month, consuming each month's credit sales from closing receivables; the days used."),
        ("Best DSO", "Best possible DSO: only current (not yet due) receivables / credit sales x days."),
        ("ADD", "Average days delinquent: DSO - best possible DSO."),
        ("CEI", "Collection effectiveness index: (opening AR + credit sales - closing AR) / (opening AR + credit sales - closing current AR) x 100."),
        ("% current", "Share of closing receivables not yet due."),
        ("Collection rate", "Cash collected in the period / (opening AR + credit sales), in percent."),
        ("vs target", "Collection rate minus the tenant's target, in percentage points."),
        ("Days to pay", "Mean days from issue to settlement of invoices settled in the period."),
    ];

    [BindProperty(SupportsGet = true)]
    public bool Weekly { get; set; }

    public IReadOnlyList<KpiSnapshot> Trend { get; private set; } = [];
    public IReadOnlyList<string> MissingRates { get; private set; } = [];
    public decimal Target { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var headers = new List<string> { "Period start", "Period end" };
        headers.AddRange(Definitions.Select(d => d.Name));
        var rows = Trend.Select(k => (IReadOnlyList<object?>)
            [k.PeriodStart, k.PeriodEnd, k.Dso, k.CountbackDso, k.BestPossibleDso, k.AverageDaysDelinquent, k.Cei, k.PercentCurrent, k.CollectionRate, k.CollectionRateVsTarget, k.AverageDaysToPay])
            .Select(r => (IReadOnlyList<object?>)r.Select(v => v is decimal d ? Math.Round(d, 2) : v).ToList())
            .ToList();
        return ExportFile.For(new ExportTable("KPIs", headers, rows), format, Weekly ? "kpis-weekly" : "kpis-monthly");
    }

    public string ChartJson() => JsonSerializer.Serialize(new
    {
        type = "line",
        labels = Trend.Select(k => k.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        datasets = new object[]
        {
            new { label = "DSO", data = Trend.Select(k => Round(k.Dso)) },
            new { label = "Best DSO", data = Trend.Select(k => Round(k.BestPossibleDso)) },
            new { label = "ADD", data = Trend.Select(k => Round(k.AverageDaysDelinquent)) },
            new { label = "CEI", data = Trend.Select(k => Round(k.Cei)) },
        },
    });

    public static string Show(decimal? value) => value is { } v ? v.ToString("N1") : "-";

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 1) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var settings = await db.SettingsAsync(cancellationToken);
        Target = settings.CollectionRateTargetPercent;
        var periods = KpiCalculator.Periods(query.Today, monthly: !Weekly, count: Weekly ? 52 : 12);
        var (ledger, missing) = await query.LedgerAsync(periods[0].Start, cancellationToken);
        MissingRates = missing;
        Trend = periods.Select(p => KpiCalculator.Compute(ledger, p.Start, p.End, Target)).ToList();
    }
}
