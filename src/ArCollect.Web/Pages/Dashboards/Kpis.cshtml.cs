using System.Text.Json;
using ArCollect.Domain.Kpis;
using ArCollect.Domain.Narratives;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>
/// DSO, CEI, ADD and the other KPIs per week or month over the last 12 months, computed by <see cref="KpiCalculator"/>
/// from the daily ledger facts; invoices by workflow state and by collector.
/// </summary>
public sealed class KpisModel(
    ArCollectDbContext db, KpiFactsQuery facts, CustomerChangesQuery customerChanges, TenantContext tenant, IServiceScopeFactory scopes) : PageModel
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

    /// <summary>How amounts in other currencies become base currency (hover text and docs).</summary>
    public const string CurrencyRule =
        "Credit sales and cash convert at the exchange rate in force on the day they happened; receivables (opening, closing, current) "
        + "at the rate in force on the day they are taken. Amounts with no rate on or before that day are left out.";

    public const string PartialRule =
        "The running period is cut at today: its flows cover only the days so far, so its collection rate is not compared with the full-period target (n/a).";

    public static readonly IReadOnlyList<(string Name, string Definition)> CollectorColumns =
    [
        ("Open", "Open balance of the collector's customers' issued invoices, at today's rates."),
        ("Overdue", "The part of the open balance past its due date (due before today)."),
    ];

    [BindProperty(SupportsGet = true)]
    public bool Weekly { get; set; }

    public IReadOnlyList<KpiSnapshot> Trend { get; private set; } = [];
    public IReadOnlyList<string> MissingRates { get; private set; } = [];
    public decimal Target { get; private set; }
    public WorkflowReport Workflow { get; private set; } = new([], [], []);

    /// <summary>Invoices issued in the period under a prompt-payer rule: how many were paid early, and the discount given.</summary>
    public Infrastructure.Incentives.IncentiveSummary Incentives { get; private set; } = new(0, 0, 0, []);
    public DateOnly ResolvedFrom { get; private set; }
    public string BaseCurrency { get; private set; } = "";

    /// <summary>The sentences the page opens with, from the trend and workflow tables above (no reads of their own).</summary>
    public IReadOnlyList<NarrativeSentence> Sentences { get; private set; } = [];

    public static string RowId(KpiSnapshot k) => $"kpi-{k.PeriodStart:yyyy-MM-dd}";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? format, string? table, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return table switch
        {
            "states" => ExportFile.For(StatesTable(), format, "invoices-by-state"),
            "collectors" => ExportFile.For(CollectorsTable(), format, "invoices-by-collector"),
            _ => ExportFile.For(KpiTable(), format, Weekly ? "kpis-weekly" : "kpis-monthly"),
        };
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

    private ExportTable KpiTable()
    {
        var headers = new List<string> { "Period start", "Period end", "Partial" };
        headers.AddRange(Definitions.Select(d => d.Name));
        var rows = Trend.Select(k => (IReadOnlyList<object?>)
            [k.PeriodStart, k.PeriodEnd, k.Partial ? "yes" : "no", k.Dso, k.CountbackDso, k.BestPossibleDso, k.AverageDaysDelinquent, k.Cei, k.PercentCurrent, k.CollectionRate, k.CollectionRateVsTarget, k.AverageDaysToPay])
            .Select(r => (IReadOnlyList<object?>)r.Select(v => v is decimal d ? Math.Round(d, 2) : v).ToList())
            .ToList();
        return new ExportTable("KPIs", headers, rows);
    }

    private ExportTable StatesTable() => new(
        "Invoices by state",
        ["State", "Invoices", $"Open ({BaseCurrency})", $"Overdue ({BaseCurrency})"],
        Workflow.States.Select(s => (IReadOnlyList<object?>)[WorkflowStates.Label(s.State), s.Count, Math.Round(s.Open, 2), Math.Round(s.Overdue, 2)]).ToList());

    private ExportTable CollectorsTable()
    {
        var headers = new List<string> { "Collector", $"Open ({BaseCurrency})", $"Overdue ({BaseCurrency})" };
        headers.AddRange(WorkflowStates.All.Select(s => s.Label));
        var rows = Workflow.Collectors
            .Select(c => (IReadOnlyList<object?>)new object?[] { c.Name, Math.Round(c.Open, 2), Math.Round(c.Overdue, 2) }.Concat(c.Counts.Cast<object?>()).ToList())
            .ToList();
        return new ExportTable("Invoices by collector", headers, rows);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = facts.Today;
        var periods = KpiCalculator.Periods(today, monthly: !Weekly, count: Weekly ? 52 : 12);
        ResolvedFrom = periods[^1].Start;
        // The workflow report reads other tables than the facts: it runs at the same time on its own connection
        // (its own scope and DbContext, same tenant), while this one loads the facts and computes the trend.
        var workflowCells = WorkflowCellsAsync(ResolvedFrom, today, cancellationToken);

        var settings = await db.SettingsAsync(cancellationToken);
        Target = settings.CollectionRateTargetPercent;
        var ledger = await facts.LedgerAsync(periods, cancellationToken);
        Trend = KpiCalculator.Trend(ledger, today, monthly: !Weekly, periods.Count, Target);

        var converter = await db.ConverterAsync(cancellationToken);
        BaseCurrency = converter.BaseCurrency;
        Workflow = WorkflowReport.Build(await workflowCells, today, converter);

        // What each customer's receivables did between the last two complete period ends explains a DSO change.
        var complete = Trend.Where(k => !k.Partial).ToList();
        var (changes, changeRatesMissing) = complete.Count >= 2
            ? await customerChanges.BetweenAsync(complete[^2].PeriodEnd, complete[^1].PeriodEnd, converter, cancellationToken)
            : ([], []);
        MissingRates = ledger.MissingRates.Union(Workflow.MissingRates).Union(changeRatesMissing).Order(StringComparer.Ordinal).ToList();
        Incentives = await Infrastructure.Incentives.IncentiveKpis.SummaryAsync(db, ResolvedFrom, today, cancellationToken);
        Sentences = KpiNarrative.Compose(
            new KpiNarrativeInput(
                Trend,
                !Weekly,
                Target,
                Workflow.States.Select(s => new StateOverdue(s.State, s.Count, s.Overdue)).ToList(),
                Workflow.Collectors.Select(c => new CollectorOverdue(c.Key, c.Name, c.Overdue)).ToList(),
                BaseCurrency,
                changes),
            new KpiNarrativeLinks(
                k => $"#{RowId(k)}",
                s => s == WorkflowState.Disputed ? "/Disputes" : "#state-table",
                c => Guid.TryParse(c, out var id) ? $"/Invoices?collector={id}&status=Overdue" : "#collector-table",
                id => $"/Customers/Details/{id}",
                (dimension, value) => $"/Customers?{dimension}={Uri.EscapeDataString(value)}"));
    }

    private async Task<List<WorkflowCell>> WorkflowCellsAsync(DateOnly resolvedFrom, DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.RequiredTenantId, tenant.UserId);
        return await scope.ServiceProvider.GetRequiredService<WorkflowQuery>().CellsAsync(resolvedFrom, today, cancellationToken);
    }
}
