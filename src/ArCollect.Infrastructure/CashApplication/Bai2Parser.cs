using System.Globalization;
using System.Text.RegularExpressions;
using ArCollect.Domain.CashApplication;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// Reads BAI2 files: 02 group header (as-of date, currency), 03 account identifier, 16 transaction details with 88
/// continuations. Type codes 100-399 are credits, 400-699 debits; amounts are in minor units without a decimal point.
/// The type code is kept as the line's booking code ("BAI 165").
/// </summary>
public static partial class Bai2Parser
{
    public static ParsedStatement Parse(string text)
    {
        var records = Records(text);
        if (records.Count == 0 || records[0].Fields[0] != "01")
        {
            throw new StatementFormatException("The file is not a BAI2 file: it must start with a 01 file header record.");
        }

        string? fileId = records[0].Fields.Length > 5 ? records[0].Fields[5] : null;
        string? account = null;
        string? currency = null;
        var asOf = default(DateOnly);
        var lines = new List<StatementLine>();
        foreach (var (fields, lineNumber) in records)
        {
            switch (fields[0])
            {
                case "02":
                    asOf = fields.Length > 4 && DateOnly.TryParseExact(fields[4], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? day
                        : throw new StatementFormatException($"Line {lineNumber}: the 02 group header has no as-of date in the form YYMMDD.");
                    currency = fields.Length > 6 && fields[6].Length == 3 ? fields[6] : "USD";
                    break;
                case "03":
                    account = fields.Length > 1 ? fields[1] : null;
                    if (fields.Length > 2 && fields[2].Length == 3)
                    {
                        currency = fields[2];
                    }

                    break;
                case "16":
                    lines.Add(Detail(fields, lineNumber, asOf, currency ?? "USD"));
                    break;
            }
        }

        return new ParsedStatement(fileId, account, currency, lines);
    }

    private static StatementLine Detail(string[] fields, int lineNumber, DateOnly asOf, string currency)
    {
        if (fields.Length < 3 || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new StatementFormatException($"Line {lineNumber}: a 16 record needs a type code and an amount in cents, e.g. 16,165,150000,0,REF,,TEXT/.");
        }

        if (asOf == default)
        {
            throw new StatementFormatException($"Line {lineNumber}: a 16 record comes before the 02 group header that dates it.");
        }

        // The funds type decides how many availability fields follow it.
        var next = 3;
        var funds = fields.Length > next ? fields[next++] : "";
        next += funds switch
        {
            "S" => 3,
            "V" => 2,
            "D" => fields.Length > next && int.TryParse(fields[next], CultureInfo.InvariantCulture, out var pairs) ? 1 + (2 * pairs) : 1,
            _ => 0,
        };
        var bankReference = fields.Length > next ? fields[next++] : "";
        var customerReference = fields.Length > next ? fields[next++] : "";
        var text = fields.Length > next ? string.Join(",", fields[next..]).Trim() : "";
        var name = OriginatorName().Match(text) is { Success: true } m ? m.Groups["name"].Value.Trim() : null;
        var amount = minor / 100m;
        var direction = type is >= 100 and < 400 ? EntryDirection.Credit : EntryDirection.Debit;
        return new StatementLine(bankReference.Length == 0 ? null : bankReference, asOf, asOf, amount, currency, direction, name, null,
            string.Join(' ', new[] { customerReference, text }.Where(t => t.Length > 0)),
            BookingCode: BookingCodes.Part(BookingCodes.Bai, type.ToString("000", CultureInfo.InvariantCulture)));
    }

    /// <summary>Records with their 88 continuations joined, the closing "/" removed, and the line each starts on.</summary>
    private static List<(string[] Fields, int Line)> Records(string text)
    {
        var records = new List<(string Text, int Line)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            line = line.TrimEnd('/');
            if (line.StartsWith("88,", StringComparison.Ordinal) && records.Count > 0)
            {
                records[^1] = (records[^1].Text + "," + line[3..], records[^1].Line);
            }
            else
            {
                records.Add((line, i + 1));
            }
        }

        return records.Select(r => (r.Text.Split(','), r.Line)).ToList();
    }

    [GeneratedRegex(@"(?:ORIG CO NAME|ORIGINATOR|FROM)[:=]\s*(?<name>[^:]+?)(?=\s+[A-Z ]+[:=]|$)")]
    private static partial Regex OriginatorName();
}
