using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace ArCollect.Infrastructure.Exports;

/// <summary>A table as shown on a page: a title, column headers and rows of strings, numbers or dates.</summary>
public sealed record ExportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes any page table to CSV or XLSX. Text that a spreadsheet would read as a formula (starting with = + - @,
/// or a tab/carriage return) is prefixed with an apostrophe, so a customer named "=HYPERLINK(...)" stays text.
/// </summary>
public static class TableExporter
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Neutralises spreadsheet formula injection in a text cell. Spreadsheets skip leading blanks before a formula,
    /// so " =1+1" is as dangerous as "=1+1".
    /// </summary>
    public static string Neutralise(string text) =>
        (text.Length > 0 && text[0] is '\t' or '\r') || text.TrimStart(' ', '\t', '\r', '\n', '\u00A0') is ['=' or '+' or '-' or '@', ..]
            ? "'" + text : text;

    public static byte[] ToCsv(ExportTable table)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, null, true))
        {
            foreach (var header in table.Headers)
            {
                csv.WriteField(Neutralise(header));
            }

            csv.EndRecord();
            foreach (var row in table.Rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => "",
                        string s => Neutralise(s),
                        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
                        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => Neutralise(value.ToString() ?? ""),
                    });
                }

                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
    }

    public static byte[] ToXlsx(ExportTable table)
    {
        using var workbook = new XLWorkbook();
        var sheetName = new string(table.Title.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal)).Take(31).ToArray());
        var sheet = workbook.Worksheets.Add(sheetName.Length > 0 ? sheetName : "Export");
        for (var c = 0; c < table.Headers.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Neutralise(table.Headers[c]));
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            for (var c = 0; c < row.Count; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case decimal d:
                        cell.SetValue(d);
                        cell.Style.NumberFormat.Format = "#,##0.00";
                        break;
                    case int i:
                        cell.SetValue(i);
                        break;
                    case DateOnly date:
                        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case var other:
                        // SetValue with a string never evaluates it as a formula; the prefix protects later copy-paste too.
                        cell.SetValue(Neutralise(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""));
                        break;
                }
            }
        }

        // AdjustToContents measures text with System.Drawing, which .NET does not support on Linux; a fixed width reads well.
        sheet.Columns(1, Math.Max(1, table.Headers.Count)).Width = 18;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
