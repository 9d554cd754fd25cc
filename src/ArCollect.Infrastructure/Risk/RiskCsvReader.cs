using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArCollect.Domain.Risk;
using CsvHelper;

namespace ArCollect.Infrastructure.Risk;

/// <summary>A CSV ledger read for <c>ml evaluate</c>: the histories, and what was wrong with the rows left out.</summary>
public sealed record RiskCsvLedger(IReadOnlyList<CustomerHistory> Histories, int Rows, int Invoices, int BadRows, IReadOnlyList<string> Problems);

/// <summary>
/// Reads any invoice CSV with the columns <c>customer_id, invoice_id, invoice_date, due_date, amount, settled_date</c>
/// and optionally <c>currency, country, segment, channel, disputed</c>. Unknown columns are ignored; a bad row is
/// counted and described, never fatal. Only a missing required column stops the read.
/// </summary>
public static class RiskCsvReader
{
    public static readonly IReadOnlyList<string> Required = ["customer_id", "invoice_id", "invoice_date", "due_date", "amount", "settled_date"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy/MM/dd"];
    private const int ProblemsKept = 20;

    public static RiskCsvLedger Read(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true }, leaveOpen: true);
        var hasRecord = csv.Read();
        var headers = csv.Headers;
        if (headers.Count == 0)
        {
            throw new InvalidDataException("The CSV is empty: it needs a header row naming its columns.");
        }

        var columns = headers.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), index))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().index);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The CSV lacks the required column(s) {string.Join(", ", missing)}; it has {string.Join(", ", headers)}.");
        }

        var invoices = new Dictionary<Guid, RiskInvoice>();
        var customers = new Dictionary<Guid, RiskCustomer>();
        var disputes = new List<(Guid CustomerId, DateOnly OpenedOn)>();
        var problems = new List<string>();
        int rows = 0, bad = 0;
        for (; hasRecord; hasRecord = csv.Read())
        {
            rows++;
            var line = csv.LineNumber;
            string Field(string name) => columns.TryGetValue(name, out var i) && i < csv.FieldCount ? csv.GetString(i).Trim() : "";
            var error = Parse(Field, out var invoice, out var customer, out var disputed);
            if (error is null && invoices.ContainsKey(invoice!.InvoiceId))
            {
                error = $"invoice_id '{Field("invoice_id")}' appears more than once";
            }

            if (error is not null)
            {
                bad++;
                if (problems.Count < ProblemsKept)
                {
                    problems.Add($"line {line}: {error}");
                }

                continue;
            }

            invoices.Add(invoice!.InvoiceId, invoice);
            customers[customer!.CustomerId] = Merge(customers.GetValueOrDefault(customer.CustomerId), customer);

            // A CSV says only that an invoice was disputed, not when. The settlement day is the latest the dispute can
            // have been opened, so counting it from then never lets a later invoice see a dispute before it happened.
            if (disputed && invoice.SettledOn is { } settled)
            {
                disputes.Add((invoice.CustomerId, settled));
            }
        }

        var histories = RiskLedger.Histories(customers.Values, invoices.Values, disputes);
        return new RiskCsvLedger(histories, rows, invoices.Count, bad, problems);
    }

    private static string? Parse(Func<string, string> field, out RiskInvoice? invoice, out RiskCustomer? customer, out bool disputed)
    {
        invoice = null;
        customer = null;
        disputed = false;
        var customerKey = field("customer_id");
        var invoiceKey = field("invoice_id");
        if (customerKey.Length == 0)
        {
            return "customer_id is empty";
        }

        if (invoiceKey.Length == 0)
        {
            return "invoice_id is empty";
        }

        if (!TryDate(field("invoice_date"), out var issued))
        {
            return $"invoice_date '{field("invoice_date")}' is not a date (use yyyy-MM-dd)";
        }

        if (!TryDate(field("due_date"), out var due))
        {
            return $"due_date '{field("due_date")}' is not a date (use yyyy-MM-dd)";
        }

        if (due < issued)
        {
            return $"due_date {due:yyyy-MM-dd} is before invoice_date {issued:yyyy-MM-dd}";
        }

        if (!decimal.TryParse(field("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            return $"amount '{field("amount")}' is not a non-negative number";
        }

        DateOnly? settled = null;
        var settledText = field("settled_date");
        if (settledText.Length > 0)
        {
            if (!TryDate(settledText, out var on))
            {
                return $"settled_date '{settledText}' is not a date (use yyyy-MM-dd, or leave it empty for an open invoice)";
            }

            if (on < issued)
            {
                return $"settled_date {on:yyyy-MM-dd} is before invoice_date {issued:yyyy-MM-dd}";
            }

            settled = on;
        }

        var disputedText = field("disputed").ToLowerInvariant();
        if (disputedText is not ("" or "0" or "1" or "true" or "false" or "yes" or "no" or "y" or "n"))
        {
            return $"disputed '{field("disputed")}' is not yes/no, true/false or 1/0";
        }

        disputed = disputedText is "1" or "true" or "yes" or "y";
        var customerId = StableId("customer:" + customerKey);
        var currency = field("currency");
        invoice = new RiskInvoice(StableId("invoice:" + invoiceKey), customerId, issued, due, amount, currency.Length == 0 ? "(none)" : currency.ToUpperInvariant(), settled);
        customer = new RiskCustomer(customerId, Empty(field("segment")), Empty(field("country")), Empty(field("channel")));
        return null;
    }

    private static RiskCustomer Merge(RiskCustomer? known, RiskCustomer row) => known is null
        ? row
        : known with { Segment = known.Segment ?? row.Segment, Region = known.Region ?? row.Region, Channel = known.Channel ?? row.Channel };

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant) && (date = DateOnly.FromDateTime(instant)) != default);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    /// <summary>Any text key becomes the same Guid on every run, so the split's tie-break is repeatable.</summary>
    private static Guid StableId(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
