using ArCollect.Infrastructure.Exports;

namespace ArCollect.Infrastructure.Imports;

/// <summary>An import's row-level report as CSV (row, column, message), through the formula-safe ledger exporter.</summary>
public static class ImportReportCsv
{
    public static Task WriteAsync(ImportReport report, Stream output, CancellationToken cancellationToken) =>
        LedgerExports.WriteAsync(new LedgerTable("Import report", ["Row", "Column", "Message"], Rows(report)), LedgerExportFormat.Csv, output, cancellationToken);

    private static async IAsyncEnumerable<object?[]> Rows(ImportReport report)
    {
        foreach (var error in report.Errors)
        {
            yield return [error.Row, error.Column, error.Message];
        }

        await Task.CompletedTask;
    }
}
