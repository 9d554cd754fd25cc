using System.Data.Common;
using System.Globalization;
using ArCollect.Infrastructure.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Infrastructure.Imports;

/// <summary>What the CSV importers share: the frame they run in, reader options, column resolution, commands without timeouts, the long-row message.</summary>
internal static class CsvImportSupport
{
    /// <summary>
    /// The frame every CSV import runs in: the header is read and the columns resolved (a report when required ones
    /// are missing), the connection is opened through EF so the tenant interceptor sets role and tenant, the import
    /// runs (it owns its transaction), and a file that cannot be read on (e.g. a line over the limit) becomes the
    /// report <paramref name="unreadable"/> makes of the row; the connection is always closed.
    /// </summary>
    public static async Task<ImportReport> RunAsync(
        ArCollectDbContext db,
        Stream csv,
        IReadOnlyList<string> required,
        IReadOnlyList<string> optional,
        IReadOnlyDictionary<string, string>? mapping,
        Func<CsvReader, Dictionary<string, int>, NpgsqlConnection, Task<ImportReport>> import,
        Func<ImportError, ImportReport> unreadable,
        CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.Create(csv, Options(), leaveOpen: true);
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var columns = ResolveColumns(reader, required, optional, mapping, out var problem);
            if (problem is not null)
            {
                return problem;
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            return await import(reader, columns, (NpgsqlConnection)db.Database.GetDbConnection());
        }
        catch (CsvFormatException ex)
        {
            return unreadable(UnreadableRow(ex));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static CsvReaderOptions Options() => new()
    {
        // Fixed, not detected: a semicolon file is reported with a hint instead of being half-understood.
        Separator = ',',
        MaxRecordSize = ImportLimits.MaxRecordSize,
        TrimWhitespace = true,
        NormalizeHeaderName = name => name.Trim().ToLowerInvariant(),
    };

    /// <summary>Field index per target column (through the mapping when given); a report naming missing required columns.</summary>
    public static Dictionary<string, int> ResolveColumns(
        CsvReader reader, IReadOnlyList<string> required, IReadOnlyList<string> optional, IReadOnlyDictionary<string, string>? mapping, out ImportReport? problem)
    {
        var resolved = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var column in required.Concat(optional))
        {
            var source = mapping?.GetValueOrDefault(column) is { Length: > 0 } mapped ? mapped : column;
            if (reader.TryGetFieldIndex(source, out var index))
            {
                resolved[column] = index;
            }
            else if (required.Contains(column))
            {
                missing.Add(column);
            }
        }

        var header = string.Join(",", reader.Headers);
        problem = missing.Count == 0 ? null : ImportReport.FileProblem(string.Join(", ", missing),
            $"The file has no column {string.Join(", ", missing)}. " + (reader.Headers.Count <= 1 && header.IndexOfAny([';', '\t', '|']) >= 0
                ? "It looks separated by ';', tab or '|': save it with commas (CSV UTF-8)."
                : $"Its header is \"{(header.Length > 200 ? header[..200] + "..." : header)}\": rename the columns or map them."));
        return resolved;
    }

    public static string? Field(CsvReader reader, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var i) && i < reader.FieldCount ? reader.GetString(i) : null;

    public static ImportError UnreadableRow(CsvFormatException ex) => new(
        (int)Math.Min(int.MaxValue, ex.RecordNumber), "",
        $"Row is longer than {ImportLimits.MaxRecordSize / 1024} KB or badly quoted, so the file cannot be read past it: check the file is a CSV export and split very long texts. Nothing was imported.");

    // No command timeout: a large import's merge runs for minutes; the caller's token still cancels it.
    public static NpgsqlCommand Command(string sql, NpgsqlConnection connection) => new(sql, connection) { CommandTimeout = 0 };

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void AddListed(List<ImportError> errors, IEnumerable<ImportError> more) =>
        errors.AddRange(more.Take(Math.Max(0, ImportLimits.MaxListedErrors - errors.Count)));
}

/// <summary>Reads one row's fields by target column, adding a problem per bad value.</summary>
internal sealed class RowFields(int row, Func<string, string?> field, List<ImportError> errors)
{
    public string Text(string column, bool required)
    {
        var value = field(column)?.Trim() ?? "";
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            errors.Add(new(row, column, "The text is not valid UTF-8: save the file as \"CSV UTF-8\" and import it again."));
        }
        else if (required && value.Length == 0)
        {
            errors.Add(new(row, column, $"Enter a value for {column}."));
        }
        else if (value.Length > ImportLimits.MaxFieldLength)
        {
            errors.Add(new(row, column, $"The value is longer than {ImportLimits.MaxFieldLength} characters: shorten it."));
        }

        return value;
    }

    public DateOnly? Date(string column, bool required)
    {
        var text = Text(column, required);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new(row, column, $"\"{text}\" is not a date: write dates as yyyy-MM-dd, e.g. 2026-06-30."));
        return null;
    }

    public decimal? Number(string column, bool required)
    {
        var text = Text(column, required);
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(new(row, column, $"\"{text}\" is not a number: use a point for decimals and no thousands separators, e.g. 1234.50."));
        return null;
    }

    public void Problem(string column, string message) => errors.Add(new(row, column, message));
}
