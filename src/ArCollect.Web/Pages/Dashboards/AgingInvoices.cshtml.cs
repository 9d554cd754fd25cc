using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>The invoices behind one aging cell: a group (or all groups) and a bucket (or all buckets).</summary>
public sealed class AgingInvoicesModel(ArCollectDbContext db, AgingQuery query, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public AgingGroupBy GroupBy { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Bucket { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public DateOnly Date { get; private set; }
    public string BucketLabel { get; private set; } = "";
    public string BaseCurrency { get; private set; } = "";
    public IReadOnlyList<(AgingInvoice Invoice, decimal? InBase)> Invoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var rows = Invoices.Select(x => (IReadOnlyList<object?>)
            [x.Invoice.Number, x.Invoice.CustomerName, x.Invoice.IssueDate, x.Invoice.DueDate, x.Invoice.Currency, x.Invoice.Open, x.InBase]).ToList();
        var table = new ExportTable("Invoices", ["Invoice", "Customer", "Issued", "Due", "Currency", "Open", $"Open ({BaseCurrency})"], rows);
        return ExportFile.For(table, format, $"aging-invoices-{Date:yyyy-MM-dd}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Date = AsOf is { } d && d < today ? d : today;
        var buckets = (await db.SettingsAsync(cancellationToken)).Buckets();
        var bucket = Bucket is { } b && b >= 0 && b < buckets.Count ? b : (int?)null;
        BucketLabel = bucket is { } index ? buckets.Label(index) : "all buckets";
        var converter = await db.ConverterAsync(cancellationToken);
        BaseCurrency = converter.BaseCurrency;
        var invoices = await query.InvoicesAsync(Date, buckets, GroupBy, All ? null : Key ?? "", bucket, cancellationToken);
        Invoices = invoices.Select(i => (i, converter.ToBase(i.Open, i.Currency.Trim(), Date))).ToList();
    }
}
