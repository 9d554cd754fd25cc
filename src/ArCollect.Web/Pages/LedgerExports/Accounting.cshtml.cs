using ArCollect.Infrastructure.Exports;
using ArCollect.Infrastructure.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Exporter = ArCollect.Infrastructure.Exports.LedgerExports;

namespace ArCollect.Web.Pages.LedgerExports;

/// <summary>Payments and credit notes of a period as files QuickBooks Online or Xero import.</summary>
public sealed class AccountingModel(AccountingExports exports, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public string? FromText => From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string? ToText => To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public void OnGet()
    {
        From ??= new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        To ??= new DateOnly(Today.Year, Today.Month, 1).AddDays(-1);
    }

    public async Task<IActionResult> OnGetDownloadAsync(AccountingLayout layout, AccountingExport export)
    {
        if (layout == AccountingLayout.ArCollect || !AccountingExports.Supports(layout, export) || From is null || To is null || From > To)
        {
            OnGet();
            ModelState.AddModelError(nameof(From), From > To ? "The period ends before it starts: swap the dates." : $"{AccountingLayouts.Name(layout)} imports no such file.");
            return Page();
        }

        var fileName = $"{layout.ToString().ToLowerInvariant()}-{export.ToString().ToLowerInvariant()}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv";
        Response.ContentType = Exporter.ContentType(LedgerExportFormat.Csv);
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await Exporter.WriteAsync(exports.Table(layout, export, From.Value, To.Value), LedgerExportFormat.Csv, Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
