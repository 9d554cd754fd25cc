using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace ArCollect.Infrastructure.Imports;

/// <summary>
/// Imports a QuickBooks Online or Xero file through the ordinary importers: the file is rewritten row for row into
/// our layout (dates to ISO, numbers to invariant form, a tax rate read from a tax code's name, the company currency
/// where the file has none), imported, and the report is translated back so each problem names the row and the
/// column of the file the user has (e.g. row 3, "InvoiceDate"). A file in another layout gets a report naming the
/// columns it lacks, and nothing is imported.
/// </summary>
public sealed partial class AccountingFileImport(InvoiceCsvImporter invoices, CustomerCsvImporter customers)
{
    public enum FileKind
    {
        Invoices,
        Customers,
    }

    public async Task<ImportReport> ImportAsync(
        Stream file, FileKind kind, AccountingLayout layout, DateOrder dates, string defaultCurrency, ImportMode mode, CancellationToken cancellationToken)
    {
        var columns = (kind == FileKind.Invoices ? AccountingLayouts.Invoices(layout) : AccountingLayouts.Customers(layout))
            ?? throw new ArgumentException($"{AccountingLayouts.Name(layout)} has no {kind} layout here.", nameof(layout));
        var translated = await TranslateAsync(file, columns, layout, dates, defaultCurrency, cancellationToken);
        if (translated.Problem is not null)
        {
            return translated.Problem;
        }

        await using var canonical = translated.Csv!;
        var report = kind == FileKind.Invoices
            ? await invoices.ImportAsync(canonical, mode, null, cancellationToken)
            : await customers.ImportAsync(canonical, mode, null, cancellationToken);
        var renamed = report.Errors.Select(e =>
            translated.Errors.TryGetValue((e.Row, e.Column), out var own) ? new ImportError(e.Row, translated.SourceName(e.Column), own)
            : new ImportError(e.Row, translated.SourceName(e.Column), e.Message)).ToList();
        return report with { Errors = renamed };
    }

    private sealed record Translation(MemoryStream? Csv, ImportReport? Problem, Dictionary<(int Row, string Column), string> Errors, Dictionary<string, string> Sources)
    {
        public string SourceName(string target) => Sources.GetValueOrDefault(target, target);
    }

    private static string Normal(string header) => header.Trim().TrimStart('*').Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    private static async Task<Translation> TranslateAsync(
        Stream file, IReadOnlyList<LayoutColumn> columns, AccountingLayout layout, DateOrder dates, string defaultCurrency, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            MaxRecordSize = ImportLimits.MaxRecordSize,
            TrimWhitespace = true,
            NormalizeHeaderName = Normal,
        };
        await using var reader = CsvReader.Create(file, options, leaveOpen: true);
        var errors = new Dictionary<(int, string), string>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var column in columns)
            {
                var found = column.Sources.FirstOrDefault(s => reader.TryGetFieldIndex(Normal(s), out _));
                if (found is not null && reader.TryGetFieldIndex(Normal(found), out var i))
                {
                    index[column.Target] = i;
                    sources[column.Target] = found;
                }
                else if (column.Required)
                {
                    missing.Add(column.Sources[0]);
                }
            }

            if (missing.Count > 0)
            {
                var name = AccountingLayouts.Name(layout);
                return new(null, ImportReport.FileProblem(string.Join(", ", missing),
                    $"This is not a {name} file of this kind: it has no column {string.Join(", ", missing.Select(m => $"\"{m}\""))}. "
                    + $"Export it from {name} again, or choose the layout it is in."), errors, sources);
            }

            var targets = columns.Select(c => c.Target).Where(t => t != AccountingLayouts.LineAmount).Distinct().Append("currency").Distinct().ToList();
            var output = new MemoryStream();
            await using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
            {
                await writer.WriteLineAsync(string.Join(",", targets));
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = (int)reader.RowNumber;
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var column in columns)
                    {
                        var raw = index.TryGetValue(column.Target, out var i) && i < reader.FieldCount ? reader.GetString(i).Trim() : "";
                        values[column.Target] = Convert(raw, column, dates, out var problem);
                        if (problem is not null)
                        {
                            errors[(row, column.Target)] = problem;
                        }
                    }

                    Complete(values, sources, defaultCurrency);
                    await writer.WriteLineAsync(string.Join(",", targets.Select(t => Quote(values.GetValueOrDefault(t, "")))));
                }
            }

            output.Position = 0;
            return new(output, null, errors, sources);
        }
        catch (CsvFormatException ex)
        {
            return new(null, new ImportReport(0, 0, 0, [CsvImportSupport.UnreadableRow(ex)], 1, false), errors, sources);
        }
    }

    /// <summary>Fills what our layout needs but the system's file leaves implicit.</summary>
    private static void Complete(Dictionary<string, string> values, Dictionary<string, string> sources, string defaultCurrency)
    {
        if (values.GetValueOrDefault("currency") is null or "")
        {
            values["currency"] = defaultCurrency;
        }

        if (values.TryGetValue(AccountingLayouts.LineAmount, out var amountText) && amountText.Length > 0)
        {
            // QuickBooks lines carry an amount; quantity defaults to 1 and the rate follows from them.
            var quantityText = values.GetValueOrDefault("quantity") is { Length: > 0 } q ? q : "1";
            values["quantity"] = quantityText;
            if (values.GetValueOrDefault("unit_price") is null or ""
                && decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                && decimal.TryParse(quantityText, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) && quantity != 0)
            {
                values["unit_price"] = (amount / quantity).ToString("0.####", CultureInfo.InvariantCulture);
                sources.TryAdd("unit_price", sources.GetValueOrDefault(AccountingLayouts.LineAmount, "unit_price"));
            }
        }
    }

    private static string Convert(string raw, LayoutColumn column, DateOrder dates, out string? problem)
    {
        problem = null;
        if (raw.Length == 0)
        {
            return "";
        }

        switch (column.Kind)
        {
            case LayoutValue.Date:
                string[] formats = dates == DateOrder.DayFirst ? ["dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "yyyy-MM-dd"] : ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd"];
                if (DateOnly.TryParseExact(raw, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                problem = $"\"{raw}\" is not a date in the form {(dates == DateOrder.DayFirst ? "dd/MM/yyyy" : "MM/dd/yyyy")}: check the date order chosen for the file.";
                return raw;
            case LayoutValue.Number:
                var text = raw.Replace("$", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal).Replace("£", "", StringComparison.Ordinal).Trim();
                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return number.ToString(CultureInfo.InvariantCulture);
                }

                problem = $"\"{raw}\" is not a number: write amounts like 1234.56.";
                return raw;
            case LayoutValue.TaxRateInName:
                var match = Percent().Match(raw);
                return match.Success ? match.Groups[1].Value : "";
            default:
                return raw;
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"(\d{1,2}(?:\.\d+)?)\s*%")]
    private static partial Regex Percent();
}
