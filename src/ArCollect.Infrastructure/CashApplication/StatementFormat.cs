using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.Imports;

namespace ArCollect.Infrastructure.CashApplication;

public enum StatementFormat
{
    Camt053,
    Camt054,
    Mt940,
    Bai2,
    Csv,
}

/// <summary>A statement file that is not what it claims, or cannot be read: the message says where and what to do.</summary>
public sealed class StatementFormatException(string message) : Exception(message);

/// <summary>Reads a statement file of any supported format, the format named or recognised from the first bytes.</summary>
public static class StatementParsers
{
    /// <summary>The format a file's content shows: XML (camt), SWIFT tags (MT940), a BAI2 file header, else CSV.</summary>
    public static StatementFormat Detect(string text)
    {
        var start = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (start.StartsWith('<'))
        {
            return start.Contains("BkToCstmrDbtCdtNtfctn", StringComparison.Ordinal) ? StatementFormat.Camt054 : StatementFormat.Camt053;
        }

        if (start.StartsWith("01,", StringComparison.Ordinal))
        {
            return StatementFormat.Bai2;
        }

        return start.Contains(":20:", StringComparison.Ordinal) && start.Contains(":61:", StringComparison.Ordinal) ? StatementFormat.Mt940 : StatementFormat.Csv;
    }

    /// <summary>Parses the file; a <see cref="StatementFormatException"/> when it is not a readable statement of the format.</summary>
    public static async Task<(ParsedStatement Statement, StatementFormat Format)> ParseAsync(Stream file, StatementFormat? format, IReadOnlyDictionary<string, string>? csvMapping, CancellationToken cancellationToken)
    {
        if (file.CanSeek && file.Length > ImportLimits.MaxFileBytes)
        {
            throw new StatementFormatException($"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB: split it by period.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var text = new UTF8Encoding(false, false).GetString(bytes);
        var actual = format ?? Detect(text);
        var statement = actual switch
        {
            StatementFormat.Camt053 or StatementFormat.Camt054 => CamtParser.Parse(bytes),
            StatementFormat.Mt940 => Mt940Parser.Parse(text),
            StatementFormat.Bai2 => Bai2Parser.Parse(text),
            _ => await StatementCsvParser.ParseAsync(new MemoryStream(bytes), csvMapping, cancellationToken),
        };
        return (statement, actual);
    }
}
