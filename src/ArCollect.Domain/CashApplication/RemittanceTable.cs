using System.Globalization;
using System.Text.RegularExpressions;

namespace ArCollect.Domain.CashApplication;

/// <summary>A problem in a remittance table, naming the row (line of the file or the message) and the column.</summary>
public sealed record RemittanceRowError(int Row, string Column, string Message);

/// <summary>One row of a remittance table: where it is, the invoice it names and the amount paid on it.</summary>
public sealed record RemittanceTableLine(int Row, string InvoiceNumber, decimal Amount);

/// <summary>What a remittance table says: the invoices and amounts, the currency when a column gives it, and the problems.</summary>
public sealed record RemittanceTableResult(IReadOnlyList<RemittanceTableLine> Lines, string InvoiceColumn, string? Currency, IReadOnlyList<RemittanceRowError> Errors)
{
    public bool Found => Lines.Count > 0 || Errors.Count > 0;
}

/// <summary>
/// Reads the table of a remittance advice: a header row with an invoice column (invoice, invoice number, invoice no,
/// document, Rechnung, Rechnungsnummer, facture, factura) and an amount column (amount, amount paid, paid, payment,
/// Betrag, montant, importe), optionally currency, then one row per invoice. Rows come from a CSV or XLSX file, or
/// from the lines of an email (cells split by tabs, '|' or two or more spaces). Amounts may use a decimal comma and
/// thousands separators ("1.234,50", "1,234.50") and a currency code.
/// </summary>
public static partial class RemittanceTable
{
    private static readonly string[] InvoiceHeaders = ["invoice", "invoice number", "invoice_number", "invoice no", "invoice no.", "invoice #", "document", "document number", "rechnung", "rechnungsnummer", "rechnungs-nr.", "facture", "n° facture", "numéro de facture", "factura"];
    private static readonly string[] AmountHeaders = ["amount", "amount paid", "paid", "payment", "amount_paid", "betrag", "zahlbetrag", "montant", "montant payé", "importe"];
    private static readonly string[] CurrencyHeaders = ["currency", "währung", "devise", "moneda", "ccy"];

    /// <summary>Rows with their numbers (line of the file); the first row that names an invoice and an amount column is the header.</summary>
    public static RemittanceTableResult Read(IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> rows)
    {
        for (var h = 0; h < rows.Count; h++)
        {
            var header = rows[h].Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
            var invoice = header.FindIndex(c => InvoiceHeaders.Contains(c));
            var amount = header.FindIndex(c => AmountHeaders.Contains(c));
            if (invoice < 0 || amount < 0)
            {
                continue;
            }

            var currencyColumn = header.FindIndex(c => CurrencyHeaders.Contains(c));
            return ReadBody(rows.Skip(h + 1).ToList(), rows[h].Cells[invoice].Trim(), invoice, rows[h].Cells[amount].Trim(), amount, currencyColumn);
        }

        return new RemittanceTableResult([], "invoice", null, []);
    }

    /// <summary>The table in an email's text: the first line naming an invoice and an amount column, and the lines of two or more cells under it.</summary>
    public static RemittanceTableResult FromText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var rows = new List<(int, IReadOnlyList<string>)>();
        var inTable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('>').Trim();
            if (IsRule().IsMatch(line))
            {
                continue;
            }

            var cells = Cells(line);
            if (!inTable)
            {
                var lower = cells.Select(c => c.ToLowerInvariant()).ToList();
                if (lower.Any(c => InvoiceHeaders.Contains(c)) && lower.Any(c => AmountHeaders.Contains(c)))
                {
                    inTable = true;
                    rows.Add((i + 1, cells));
                }

                continue;
            }

            if (cells.Count < 2)
            {
                // A blank line or a line of text (a greeting) ends the table.
                break;
            }

            rows.Add((i + 1, cells));
        }

        return Read(rows);
    }

    /// <summary>An amount as people write it: "1,234.50", "1.234,50", "EUR 980", "980.00 €".</summary>
    public static decimal? ParseAmount(string text)
    {
        var cleaned = NotNumber().Replace(text, "");
        if (cleaned.Length == 0 || cleaned.Count(c => c == '-') > 1)
        {
            return null;
        }

        var commas = cleaned.Count(c => c == ',');
        var points = cleaned.Count(c => c == '.');
        if (commas > 0 && points > 0)
        {
            // Both: the last one separates the decimals ("1.234,50", "1,234.50").
            cleaned = cleaned.LastIndexOf(',') > cleaned.LastIndexOf('.')
                ? cleaned.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
                : cleaned.Replace(",", "", StringComparison.Ordinal);
        }
        else if (commas == 1 && cleaned.Length - cleaned.IndexOf(',') - 1 != 3)
        {
            cleaned = cleaned.Replace(',', '.'); // "980,5" or "980,00"
        }
        else if (commas > 0)
        {
            cleaned = cleaned.Replace(",", "", StringComparison.Ordinal); // "1,234" or "1,234,567"
        }
        else if (points > 1)
        {
            cleaned = cleaned.Replace(".", "", StringComparison.Ordinal); // "1.234.567"
        }

        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static RemittanceTableResult ReadBody(List<(int Row, IReadOnlyList<string> Cells)> body, string invoiceName, int invoice, string amountName, int amount, int currencyColumn)
    {
        var lines = new List<RemittanceTableLine>();
        var errors = new List<RemittanceRowError>();
        var currencies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, cells) in body)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var number = invoice < cells.Count ? cells[invoice].Trim() : "";
            var amountText = amount < cells.Count ? cells[amount].Trim() : "";
            if (IsTotalRow(cells))
            {
                continue;
            }

            if (number.Length == 0)
            {
                errors.Add(new(row, invoiceName, "Enter the invoice number this row pays."));
                continue;
            }

            if (number.Length > 50)
            {
                errors.Add(new(row, invoiceName, $"\"{number[..20]}...\" is too long for an invoice number (at most 50 characters)."));
                continue;
            }

            if (ParseAmount(amountText) is not { } value || value <= 0m)
            {
                errors.Add(new(row, amountName, amountText.Length == 0
                    ? "Enter the amount paid on this invoice, e.g. 1234.50."
                    : $"\"{amountText}\" is not an amount above zero, e.g. 1234.50."));
                continue;
            }

            if (currencyColumn >= 0 && currencyColumn < cells.Count && cells[currencyColumn].Trim().ToUpperInvariant() is { Length: > 0 } code)
            {
                currencies.Add(code);
            }
            else if (CurrencyIn().Match(amountText) is { Success: true } inAmount)
            {
                currencies.Add(inAmount.Value.ToUpperInvariant());
            }

            lines.Add(new RemittanceTableLine(row, number, Math.Round(value, 2)));
        }

        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(body.Count > 0 ? body[0].Row : 1, invoiceName, "The table names no invoice under its header."));
        }

        if (currencies.Count > 1)
        {
            errors.Add(new(body[0].Row, "currency", $"The rows are in {string.Join(", ", currencies.Order())}: one advice covers one currency."));
        }

        return new RemittanceTableResult(lines, invoiceName, currencies.Count == 1 ? currencies.Single() : null, errors);
    }

    private static bool IsTotalRow(IReadOnlyList<string> cells) =>
        cells.Any(c => c.Trim().ToLowerInvariant() is "total" or "sum" or "summe" or "gesamt" or "total:" or "summe:");

    private static List<string> Cells(string line)
    {
        if (line.Contains('|', StringComparison.Ordinal))
        {
            return line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
        }

        return Gap().Split(line).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
    }

    [GeneratedRegex(@"\t+| {2,}", RegexOptions.None, 1000)]
    private static partial Regex Gap();

    [GeneratedRegex(@"^[\s|+:=-]{3,}$", RegexOptions.None, 1000)]
    private static partial Regex IsRule();

    [GeneratedRegex(@"[^0-9,.\-]", RegexOptions.None, 1000)]
    private static partial Regex NotNumber();

    [GeneratedRegex(@"\b[A-Za-z]{3}\b", RegexOptions.None, 1000)]
    private static partial Regex CurrencyIn();
}
