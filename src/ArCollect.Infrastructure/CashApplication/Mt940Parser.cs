using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArCollect.Domain.CashApplication;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// Reads SWIFT MT940 statements: :20: statement reference, :25: account, :60F: opening balance (currency), :61:
/// statement lines and their :86: information, either free text, German "?20" sub-fields (?20-?29 and ?60-?63
/// remittance, ?31 account, ?32-?33 name) or "/EREF/.../REMI/.../NAME/.../IBAN/" codes. The booking codes kept are
/// field 61's transaction type (NTRF, NINT, NCHG ...), its "RD" mark for a reversed debit, and the three-digit German
/// business code (GVC) that starts a structured :86:. A file may carry several statements; each line is in the currency
/// of its own statement's opening balance.
/// </summary>
public static partial class Mt940Parser
{
    public static ParsedStatement Parse(string text)
    {
        var fields = Fields(text);
        if (!fields.Any(f => f.Tag == "20") || !fields.Any(f => f.Tag == "61"))
        {
            throw new StatementFormatException("The file is not an MT940 statement: it needs a :20: reference and :61: statement lines.");
        }

        string? statementId = null;
        string? account = null;
        string? currency = null;
        string? lineCurrency = null;
        var lines = new List<StatementLine>();
        var number = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var (tag, value, lineNumber) = fields[i];
            switch (tag)
            {
                case "20":
                    statementId ??= value.Trim();
                    break;
                case "25":
                    account ??= value.Trim().Split('/').Last();
                    break;
                case "60F" or "60M":
                    // A file may hold several statements (one per currency account, or per day): each line
                    // takes the currency of the opening balance of its own statement.
                    lineCurrency = value.Length >= 10 ? value.Substring(7, 3) : null;
                    currency ??= lineCurrency;
                    break;
                case "61":
                    number++;
                    var information = i + 1 < fields.Count && fields[i + 1].Tag == "86" ? fields[i + 1].Value : null;
                    lines.Add(Line(value, information, lineCurrency, lineNumber));
                    break;
            }
        }

        return new ParsedStatement(statementId, account, currency, lines);
    }

    private static StatementLine Line(string field, string? information, string? currency, int lineNumber)
    {
        var match = StatementLineField().Match(field.Replace("\r", "", StringComparison.Ordinal));
        if (!match.Success || currency is null)
        {
            throw new StatementFormatException(currency is null
                ? $"Line {lineNumber}: a :61: line comes before the :60F: opening balance that gives the currency."
                : $"Line {lineNumber}: the :61: line \"{Shorten(field)}\" is not in the form YYMMDD[MMDD]C|D amount type reference[//bank reference].");
        }

        var date = DateOnly.ParseExact(match.Groups["date"].Value, "yyMMdd", CultureInfo.InvariantCulture);
        DateOnly? booked = null;
        if (match.Groups["entry"].Success)
        {
            var entry = match.Groups["entry"].Value;
            var candidate = new DateOnly(date.Year, int.Parse(entry[..2], CultureInfo.InvariantCulture), int.Parse(entry[2..], CultureInfo.InvariantCulture));
            // The entry date may fall in the next or previous year around New Year.
            booked = candidate.DayNumber - date.DayNumber > 180 ? candidate.AddYears(-1) : date.DayNumber - candidate.DayNumber > 180 ? candidate.AddYears(1) : candidate;
        }

        var amount = decimal.Parse(match.Groups["amount"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var mark = match.Groups["mark"].Value;
        var direction = mark is "C" or "RD" ? EntryDirection.Credit : EntryDirection.Debit;
        var bankReference = match.Groups["bank"].Success ? match.Groups["bank"].Value.Trim() : null;
        var customerReference = match.Groups["customer"].Value.Trim();
        var (name, iban, remittance) = Information(information);
        var type = match.Groups["type"].Value;
        var code = BookingCodes.Join(
            BookingCodes.Part(BookingCodes.Swift, type.StartsWith('N') ? type : null),
            mark == "RD" ? BookingCodes.Part(BookingCodes.Swift, BookingCodes.ReversalMark) : null,
            BookingCodes.Part(BookingCodes.Gvc, information is not null && BusinessCode().Match(information) is { Success: true } gvc ? gvc.Groups["code"].Value : null));
        if (string.IsNullOrWhiteSpace(remittance) && customerReference is { Length: > 0 } and not "NONREF")
        {
            remittance = customerReference;
        }

        return new StatementLine(string.IsNullOrEmpty(bankReference) ? null : bankReference, booked ?? date, date, amount, currency, direction, name, iban, remittance,
            customerReference is "NONREF" or "" ? null : customerReference, code);
    }

    private static (string? Name, string? Iban, string? Remittance) Information(string? information)
    {
        if (string.IsNullOrWhiteSpace(information))
        {
            return (null, null, null);
        }

        var flat = information.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (flat.Contains('?', StringComparison.Ordinal) && SubField().IsMatch(flat))
        {
            var parts = SubField().Matches(flat).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            var remittance = new StringBuilder();
            foreach (var code in Enumerable.Range(20, 10).Concat(Enumerable.Range(60, 4)).Select(c => c.ToString(CultureInfo.InvariantCulture)))
            {
                if (parts.TryGetValue(code, out var part))
                {
                    remittance.Append(part);
                }
            }

            var name = (parts.GetValueOrDefault("32") + parts.GetValueOrDefault("33")).Trim();
            return (name.Length == 0 ? null : name, parts.GetValueOrDefault("31")?.Trim(), remittance.ToString().Trim());
        }

        if (flat.StartsWith('/'))
        {
            var codes = SlashCode().Matches(flat).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["value"].Value.Trim(), StringComparer.Ordinal);
            if (codes.Count > 0)
            {
                return (codes.GetValueOrDefault("NAME") ?? codes.GetValueOrDefault("ORDP"), codes.GetValueOrDefault("IBAN"),
                    string.Join(' ', new[] { codes.GetValueOrDefault("REMI"), codes.GetValueOrDefault("EREF") }.Where(v => !string.IsNullOrEmpty(v) && v != "NOTPROVIDED")));
            }
        }

        return (null, null, flat.Trim());
    }

    /// <summary>The file's fields: a tag line ":61:..." and its continuation lines, with the line it starts on.</summary>
    private static List<(string Tag, string Value, int Line)> Fields(string text)
    {
        var fields = new List<(string Tag, string Value, int Line)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var tag = TagLine().Match(line);
            if (tag.Success)
            {
                fields.Add((tag.Groups["tag"].Value, tag.Groups["value"].Value, i + 1));
            }
            else if (fields.Count > 0 && line.Length > 0 && !line.StartsWith('-') && !line.StartsWith('{'))
            {
                var last = fields[^1];
                fields[^1] = last with { Value = last.Value + "\n" + line };
            }
        }

        return fields;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "..." : value;

    [GeneratedRegex(@"^:(?<tag>[0-9]{2}[A-Z]?):(?<value>.*)$")]
    private static partial Regex TagLine();

    [GeneratedRegex(@"^(?<date>[0-9]{6})(?<entry>[0-9]{4})?(?<mark>RC|RD|C|D)[A-Z]?(?<amount>[0-9]+,[0-9]*)(?<type>[NSF][A-Z0-9]{3})(?<customer>[^/\n]*)(?://(?<bank>[^\n]*))?")]
    private static partial Regex StatementLineField();

    [GeneratedRegex(@"^\s*(?<code>[0-9]{3})\?")]
    private static partial Regex BusinessCode();

    [GeneratedRegex(@"\?(?<code>[0-9]{2})(?<value>[^?]*)")]
    private static partial Regex SubField();

    [GeneratedRegex(@"/(?<code>EREF|REMI|NAME|ORDP|IBAN|BIC|KREF|MREF|CRED|PURP)/(?<value>[^/]*(?:/(?!(?:EREF|REMI|NAME|ORDP|IBAN|BIC|KREF|MREF|CRED|PURP)/)[^/]*)*)")]
    private static partial Regex SlashCode();
}
