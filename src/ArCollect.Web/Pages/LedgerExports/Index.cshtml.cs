using ArCollect.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Exporter = ArCollect.Infrastructure.Exports.LedgerExports;

namespace ArCollect.Web.Pages.LedgerExports;

/// <summary>Downloads of the customer, invoice and aging lists as CSV or XLSX.</summary>
public sealed class IndexModel(LedgerExportQueries queries, TimeProvider time) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetDownloadAsync(LedgerList list, LedgerExportFormat format)
    {
        var fileName = $"{list.ToString().ToLowerInvariant()}-{time.GetUtcNow():yyyy-MM-dd}.{Exporter.Extension(format)}";
        Response.ContentType = Exporter.ContentType(format);
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        await Exporter.WriteAsync(queries.Table(list), format, Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
