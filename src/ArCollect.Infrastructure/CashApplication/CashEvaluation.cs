using System.Globalization;
using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Imports;
using CsvHelper;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>How the matcher did on one kind of receipt (or all): applied automatically and how many rightly; for the rest, right first and in the top three.</summary>
public sealed record CaseQuality(string Case, int Receipts, int AutoApplied, int AutoCorrect, int Queued, int QueuedFirst, int QueuedTop3)
{
    public double AutoShare => Receipts == 0 ? 0 : (double)AutoApplied / Receipts;
    public double AutoPrecision => AutoApplied == 0 ? 1 : (double)AutoCorrect / AutoApplied;
    public double FirstShare => Queued == 0 ? 1 : (double)QueuedFirst / Queued;
    public double Top3Share => Queued == 0 ? 1 : (double)QueuedTop3 / Queued;
}

public sealed record CashEvaluationReport(IReadOnlyList<CaseQuality> Cases, CaseQuality Total, int Invoices, int Receipts, int Unmatched)
{
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Receipts} receipts against {Invoices} open invoices ({Unmatched} receipts without a truth row left out).");
        text.AppendLine("| case | receipts | auto-applied | auto precision | queued | right first | right in top 3 |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in Cases.Append(Total))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Case} | {row.Receipts} | {row.AutoApplied} ({row.AutoShare:P1}) | {row.AutoPrecision:P2} | {row.Queued} | {row.FirstShare:P1} | {row.Top3Share:P1} |");
        }

        return text.ToString();
    }
}

/// <summary>
/// <c>cash evaluate</c> without a database: open invoices, a statement and the truth as files, the same matcher as
/// the app. Files: invoices CSV (<c>customer_id, customer_name, invoice_number, amount, currency, due_date,
/// issue_date</c>, optional <c>customer_iban, rf_reference, discount, discount_until</c>), a statement in any supported
/// format, a truth CSV (<c>entry_ref, invoice_numbers</c> with ';' between several, optional <c>case</c>), optional
/// rates CSV (<c>currency, rate_to_base, rate_date</c>).
/// </summary>
public static class CashEvaluation
{
    public static async Task<CashMatcher> LoadMatcherAsync(Stream invoicesCsv, Stream? ratesCsv, MatchingRules rules, CancellationToken cancellationToken)
    {
        var items = new List<OpenInvoiceItem>();
        var customers = new Dictionary<Guid, KnownCustomer>();
        var learned = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await ReadAsync(invoicesCsv, ["customer_id", "customer_name", "invoice_number", "amount", "currency", "due_date", "issue_date"],
            ["customer_iban", "rf_reference", "discount", "discount_until"], row =>
            {
                var customerKey = row.Text("customer_id", true);
                if (!ids.TryGetValue(customerKey, out var customerId))
                {
                    ids[customerKey] = customerId = Guid.NewGuid();
                    customers[customerId] = new KnownCustomer(customerId, row.Text("customer_name", true), []);
                }

                var iban = row.Text("customer_iban", false);
                if (iban.Length > 0)
                {
                    learned[Iban.Normalize(iban)] = customerId;
                }

                var amount = row.Number("amount", true);
                var due = row.Date("due_date", true);
                row.Date("issue_date", true);
                var discount = row.Number("discount", false);
                var until = row.Date("discount_until", false);
                var rf = row.Text("rf_reference", false);
                if (amount is { } open && due is { } dueDate)
                {
                    items.Add(new OpenInvoiceItem(Guid.NewGuid(), customerId, row.Text("invoice_number", true), open, row.Text("currency", true).ToUpperInvariant(),
                        dueDate, discount ?? 0m, until, rf.Length == 0 ? null : rf));
                }
            }, cancellationToken);
        var rates = new List<RateQuote>();
        if (ratesCsv is not null)
        {
            await ReadAsync(ratesCsv, ["currency", "rate_to_base", "rate_date"], [], row =>
            {
                if (row.Number("rate_to_base", true) is { } rate && row.Date("rate_date", true) is { } day)
                {
                    rates.Add(new RateQuote(row.Text("currency", true).ToUpperInvariant(), rate, day));
                }
            }, cancellationToken);
        }

        var baseCurrency = items.GroupBy(i => i.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "EUR";
        return new CashMatcher(items, customers.Values, learned, rules, new CurrencyConverter(baseCurrency, rates));
    }

    /// <summary>The truth: entry reference to invoice numbers (empty for "matches nothing") and the case type when given.</summary>
    public static async Task<Dictionary<string, (HashSet<string> Invoices, string Case)>> LoadTruthAsync(Stream truthCsv, CancellationToken cancellationToken)
    {
        var truth = new Dictionary<string, (HashSet<string>, string)>(StringComparer.Ordinal);
        await ReadAsync(truthCsv, ["entry_ref", "invoice_numbers"], ["case"], row =>
        {
            var numbers = row.Text("invoice_numbers", false).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var kind = row.Text("case", false);
            truth[row.Text("entry_ref", true)] = (numbers.ToHashSet(StringComparer.Ordinal), kind.Length == 0 ? "all" : kind);
        }, cancellationToken);
        return truth;
    }

    public static CashEvaluationReport Evaluate(CashMatcher matcher, int invoices, IReadOnlyList<StatementLine> lines, Dictionary<string, (HashSet<string> Invoices, string Case)> truth)
    {
        var rows = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var unmatched = 0;
        var receipts = 0;
        foreach (var line in lines.Where(l => l.Direction == EntryDirection.Credit))
        {
            var reference = line.EntryReference ?? line.Key;
            if (!truth.TryGetValue(reference, out var expected))
            {
                unmatched++;
                continue;
            }

            receipts++;
            var result = matcher.Match(new Receipt(line.Key, line.BookingDate, line.Amount, line.Currency, line.PayerName, line.PayerIban, line.Remittance, line.BookingCode));
            var counts = rows.TryGetValue(expected.Case, out var known) ? known : rows[expected.Case] = new int[6];
            counts[0]++;
            if (result.AutoApply)
            {
                counts[1]++;
                counts[2] += Right(result.Best, expected.Invoices) ? 1 : 0;
            }
            else
            {
                counts[3]++;
                var firstRight = expected.Invoices.Count == 0 ? result.Best is null || PaysNothing(result.Best) : Right(result.Best, expected.Invoices);
                var top3Right = expected.Invoices.Count == 0
                    ? result.Candidates.Count == 0 || result.Candidates.Take(3).Any(PaysNothing)
                    : result.Candidates.Take(3).Any(c => Right(c, expected.Invoices));
                counts[4] += firstRight ? 1 : 0;
                counts[5] += top3Right ? 1 : 0;
            }
        }

        var cases = rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => Row(r.Key, r.Value)).ToList();
        var total = Row("all receipts", Enumerable.Range(0, 6).Select(i => rows.Values.Sum(v => v[i])).ToArray());
        return new CashEvaluationReport(cases, total, invoices, receipts, unmatched);
    }

    private static CaseQuality Row(string name, int[] c) => new(name, c[0], c[1], c[2], c[3], c[4], c[5]);

    /// <summary>"Matches nothing" is right for a candidate that applies no invoice: kept on account, or not a customer payment.</summary>
    private static bool PaysNothing(MatchCandidate candidate) => candidate.Kind is MatchKind.OnAccount or MatchKind.NotCustomerPayment;

    private static bool Right(MatchCandidate? candidate, HashSet<string> expected) =>
        candidate is not null && expected.Count > 0 && candidate.Allocations.Count == expected.Count && candidate.InvoiceNumbers.All(expected.Contains);

    private static async Task ReadAsync(Stream csv, IReadOnlyList<string> required, IReadOnlyList<string> optional, Action<RowFields> read, CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.Create(csv, CsvImportSupport.Options(), leaveOpen: true);
        var errors = new List<ImportError>();
        await reader.ReadHeaderAsync(cancellationToken);
        var columns = CsvImportSupport.ResolveColumns(reader, required, optional, null, out var problem);
        if (problem is not null)
        {
            throw new StatementFormatException(problem.Errors[0].Message);
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            read(new RowFields((int)reader.RowNumber, c => CsvImportSupport.Field(reader, columns, c), errors));
            if (errors.Count > 0)
            {
                var error = errors[0];
                throw new StatementFormatException($"row {error.Row}, {error.Column}: {error.Message}");
            }
        }
    }
}
