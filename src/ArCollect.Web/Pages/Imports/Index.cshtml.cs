using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Imports;

/// <summary>
/// Upload of a customer, invoice or payment CSV: the browser previews the first rows and offers the file's columns for mapping; the server
/// streams the file through the importer and shows (or downloads) the row-level report.
/// </summary>
[RequestSizeLimit(ImportLimits.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportLimits.MaxFileBytes)]
public sealed class IndexModel(
    InvoiceCsvImporter invoices, CustomerCsvImporter customers, PaymentCsvImporter payments, AccountingFileImport accounting, ArCollectDbContext db) : PageModel
{
    public enum ImportKind
    {
        Invoices,
        Customers,
        Payments,
    }

    [BindProperty(SupportsGet = true)]
    public ImportKind Kind { get; set; }

    public IReadOnlyList<string> Required => Kind switch
    {
        ImportKind.Customers => CustomerCsvImporter.Required,
        ImportKind.Payments => PaymentImportRow.Required,
        _ => InvoiceImportRow.Required,
    };

    public IReadOnlyList<string> Columns => [.. Required, .. Kind switch
    {
        ImportKind.Customers => CustomerCsvImporter.Optional,
        ImportKind.Payments => PaymentImportRow.Optional,
        _ => InvoiceImportRow.Optional,
    }];

    [BindProperty]
    public ImportMode Mode { get; set; } = ImportMode.AllOrNothing;

    [BindProperty]
    public Dictionary<string, string> Mapping { get; set; } = [];

    [BindProperty]
    public bool ReportAsCsv { get; set; }

    /// <summary>Whose layout the file is in; a QuickBooks Online or Xero export is read with that system's column names (invoices and customers).</summary>
    [BindProperty]
    public AccountingLayout Layout { get; set; } = AccountingLayout.ArCollect;

    /// <summary>The order of day and month in an accounting system's dates; by default that system's usual one.</summary>
    [BindProperty]
    public DateOrder? Dates { get; set; }

    public bool OffersLayouts => Kind is ImportKind.Invoices or ImportKind.Customers;

    public ImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to import.");
            return Page();
        }

        await using var stream = file.OpenReadStream();
        if (OffersLayouts && Layout != AccountingLayout.ArCollect)
        {
            var currency = await db.Tenants.AsNoTracking().Where(t => t.Id == db.CurrentTenantId).Select(t => t.BaseCurrency).SingleAsync(HttpContext.RequestAborted);
            Report = await accounting.ImportAsync(stream, Kind == ImportKind.Invoices ? AccountingFileImport.FileKind.Invoices : AccountingFileImport.FileKind.Customers,
                Layout, Dates ?? AccountingLayouts.DefaultDateOrder(Layout), currency, Mode, HttpContext.RequestAborted);
        }
        else
        {
            Report = await ImportOwnLayoutAsync(stream);
        }

        if (ReportAsCsv)
        {
            Response.ContentType = "text/csv; charset=utf-8";
            Response.Headers.ContentDisposition = "attachment; filename=\"import-report.csv\"";
            await ImportReportCsv.WriteAsync(Report, Response.Body, HttpContext.RequestAborted);
            return new EmptyResult();
        }

        return Page();
    }

    private async Task<ImportReport> ImportOwnLayoutAsync(Stream stream) =>
        Kind switch
        {
            ImportKind.Customers => await customers.ImportAsync(stream, Mode, Mapping, HttpContext.RequestAborted),
            ImportKind.Payments => await payments.ImportAsync(stream, Mode, Mapping, HttpContext.RequestAborted),
            _ => await invoices.ImportAsync(stream, Mode, Mapping, HttpContext.RequestAborted),
        };
}
