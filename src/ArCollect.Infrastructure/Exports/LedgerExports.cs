using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace ArCollect.Infrastructure.Exports;

/// <summary>A list to export: a title, column headers and rows (streamed once; cells are text, numbers or dates).</summary>
public sealed record LedgerTable(string Title, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows);

public enum LedgerExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes ledger lists as CSV (RFC 4180, UTF-8 with BOM so Excel reads accents) or XLSX. Text that a spreadsheet
/// would run as a formula (starting with = + - @, tab or carriage return) is prefixed with ' in both formats.
/// </summary>
public static class LedgerExports
{
    public static string ContentType(LedgerExportFormat format) => format == LedgerExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(LedgerExportFormat format) => format == LedgerExportFormat.Csv ? "csv" : "xlsx";

    /// <summary>Neutralises spreadsheet formula injection in a text cell.</summary>
    public static string SafeText(string text) => TableExporter.Neutralise(text);

    public static async Task WriteAsync(LedgerTable table, LedgerExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        if (format == LedgerExportFormat.Csv)
        {
            await WriteCsvAsync(table, output, cancellationToken);
        }
        else
        {
            await WriteXlsxAsync(table, output, cancellationToken);
        }
    }

    private static async Task WriteCsvAsync(LedgerTable table, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteAsync(string.Join(',', table.Headers.Select(Quote)) + "\r\n");
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', row.Select(CsvCell)) + "\r\n");
        }
    }

    private static string CsvCell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Quote(SafeText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    // ClosedXML builds the workbook in memory, so XLSX suits lists of up to some hundred thousand rows; CSV streams.
    private static async Task WriteXlsxAsync(LedgerTable table, Stream output, CancellationToken cancellationToken)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(table.Title.Length > 31 ? table.Title[..31] : table.Title);
        for (var c = 0; c < table.Headers.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(table.Headers[c]).Style.Font.SetBold();
        }

        var r = 2;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case decimal d:
                        cell.SetValue(d).Style.NumberFormat.SetFormat("#,##0.00");
                        break;
                    case int i:
                        cell.SetValue(i);
                        break;
                    case DateOnly date:
                        cell.SetValue(date.ToDateTime(TimeOnly.MinValue)).Style.DateFormat.SetFormat("yyyy-mm-dd");
                        break;
                    default:
                        // Text stays text: never let ClosedXML read a leading '=' as a formula.
                        cell.SetValue(SafeText(Convert.ToString(row[c], CultureInfo.InvariantCulture) ?? ""));
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }

            r++;
        }

        sheet.SheetView.FreezeRows(1);
        // Fixed widths: ClosedXML 0.95 measures text for AdjustToContents with System.Drawing, absent on Linux servers.
        sheet.Columns(1, table.Headers.Count).Width = 18;
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
