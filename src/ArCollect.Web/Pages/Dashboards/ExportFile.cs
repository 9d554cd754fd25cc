using ArCollect.Infrastructure.Exports;
using Microsoft.AspNetCore.Mvc;

namespace ArCollect.Web.Pages.Dashboards;

/// <summary>Answers a page's export handler with the table as CSV or XLSX.</summary>
public static class ExportFile
{
    public static FileContentResult For(ExportTable table, string? format, string fileStem)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        return new FileContentResult(xlsx ? TableExporter.ToXlsx(table) : TableExporter.ToCsv(table), xlsx ? TableExporter.XlsxContentType : TableExporter.CsvContentType)
        {
            FileDownloadName = $"{fileStem}.{(xlsx ? "xlsx" : "csv")}",
        };
    }
}
