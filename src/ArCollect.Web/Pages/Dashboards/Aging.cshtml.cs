using System.Text.Json;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>Open receivables by aging bucket, grouped by a dimension, as of today or a past day, in the base currency.</summary>
public sealed class AgingModel(ArCollectDbContext db, AgingQuery query, DisputedAgingQuery disputed, TimeProvider time) : PageModel
{
    public const int TopCount = 20;
    public const int RowsShown = 100;

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public AgingGroupBy GroupBy { get; set; } = AgingGroupBy.Customer;

    public AgingReport Report { get; private set; } = null!;
    public IReadOnlyList<AgingRow> Top { get; private set; } = [];
    public DateOnly Date => Report.AsOf;

    /// <summary>The sentences the page opens with: from the tables below, plus today's disputed amounts.</summary>
    public IReadOnlyList<NarrativeSentence> Sentences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var top = table == "top";
        var headers = new List<string> { top ? "Customer" : GroupBy.ToString() };
        headers.AddRange(Report.Buckets.Labels.Select(l => $"{l} ({Report.BaseCurrency})"));
        headers.Add($"Total ({Report.BaseCurrency})");
        headers.Add("Invoices");
        var rows = (top ? Top : Report.Rows.Append(Report.Totals))
            .Select(r => (IReadOnlyList<object?>)[r.Label, .. r.Amounts.Cast<object?>(), r.Total, r.Count])
            .ToList();
        var title = top ? $"Top {TopCount} by {Report.Buckets.Label(Report.Buckets.LastIndex)}" : $"Aging by {GroupBy}";
        return ExportFile.For(new ExportTable(title, headers, rows), format, $"aging-{(top ? "top" : GroupBy.ToString().ToLowerInvariant())}-{Date:yyyy-MM-dd}");
    }

    public string CellLink(string? key, int? bucket) =>
        $"/Dashboards/AgingInvoices?asOf={Date:yyyy-MM-dd}&groupBy={GroupBy}&key={Uri.EscapeDataString(key ?? "")}&bucket={bucket}&all={(key is null ? "true" : "false")}";

    public string ChartJson()
    {
        var rows = Report.Rows.Take(15).ToList();
        return JsonSerializer.Serialize(new
        {
            type = "bar",
            stacked = true,
            labels = rows.Select(r => r.Label),
            datasets = Report.Buckets.Labels.Select((label, b) => new { label, data = rows.Select(r => r.Amounts[b]) }),
        });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var asOf = AsOf is { } d && d < today ? d : today;
        var settings = await db.SettingsAsync(cancellationToken);
        var buckets = settings.Buckets();
        var converter = await db.ConverterAsync(cancellationToken);
        Report = AgingReport.Build(await query.CellsAsync(asOf, buckets, GroupBy, cancellationToken), asOf, buckets, converter);
        Top = GroupBy == AgingGroupBy.Customer
            ? Report.TopByOldest(TopCount)
            : AgingReport.Build(await query.CellsAsync(asOf, buckets, AgingGroupBy.Customer, cancellationToken), asOf, buckets, converter).TopByOldest(TopCount);
        // Disputed amounts are today's: a past day's aging says nothing about them rather than something wrong.
        var disputedCells = asOf == today ? DisputedCells.From(await disputed.TodayAsync(cancellationToken), asOf, buckets, converter) : null;
        Sentences = AgingNarrative.Compose(
            new AgingNarrativeInput(
                Report.Buckets.Labels,
                Line(Report.Totals),
                Report.Totals.Counts,
                GroupBy.ToString(),
                GroupBy == AgingGroupBy.Customer,
                Report.Rows.Select(Line).ToList(),
                Top.Select(Line).ToList(),
                disputedCells,
                Report.BaseCurrency),
            new AgingNarrativeLinks(
                CellLink,
                (customer, bucket) => $"/Dashboards/AgingInvoices?asOf={Date:yyyy-MM-dd}&groupBy={AgingGroupBy.Customer}&key={Uri.EscapeDataString(customer)}&bucket={bucket}&all=false",
                _ => "/Disputes"));
    }

    private static AgingLine Line(AgingRow row) => new(row.Key, row.Label, row.Amounts);
}
