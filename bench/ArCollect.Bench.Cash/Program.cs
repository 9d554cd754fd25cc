using System.Diagnostics;
using System.Globalization;
using System.Text;
using ArCollect.Bench.Cash;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;

// Generates a ledger of open invoices and a noisy statement paying part of it (camt.053, MT940 and CSV, with the truth
// file and rates), then either judges the matcher on it or times it.
// Usage: dotnet run -c Release --project bench/ArCollect.Bench.Cash -- quality [--seed N] [--out DIR] [--lines N] [--invoices N] [--customers N]
//        dotnet run -c Release --project bench/ArCollect.Bench.Cash -- speed [--lines 100000] [--invoices 200000] [--customers 20000]
//        dotnet run -c Release --project bench/ArCollect.Bench.Cash -- debug CASE [statement.xml|statement.sta|statement.csv] [--seed N]
// The files in --out can be judged again with: arcollect cash evaluate --invoices invoices.csv --statement statement.xml --truth truth.csv --rates rates.csv
var mode = args.Length > 0 ? args[0] : "quality";
var speed = mode == "speed";
var lines = Option("--lines", speed ? 100_000 : 5_000);
var invoiceCount = Option("--invoices", speed ? 200_000 : 20_000);
var customers = Option("--customers", speed ? 20_000 : 2_000);
var output = Directory.CreateDirectory(args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "arcollect-cash-bench")).FullName;
var day = new DateOnly(2026, 11, 30);

var clock = Stopwatch.StartNew();
var seed = Option("--seed", 20261130);
var generator = new StatementGenerator(seed);
generator.Generate(customers, invoiceCount, lines, day);
var statementLines = generator.Receipts.Select(r => r.Line).ToList();
await WriteAsync("invoices.csv", InvoicesCsv(generator));
await WriteAsync("truth.csv", TruthCsv(generator));
await WriteAsync("rates.csv", "currency,rate_to_base,rate_date\n" + string.Concat(generator.Rates.Select(r => $"{r.Key},{r.Value},{day.AddDays(-1):yyyy-MM-dd}\n")));
await WriteAsync("statement.xml", StatementWriter.Camt053("BENCH-1", "DE89370400440532013000", "EUR", statementLines));
await WriteAsync("statement.sta", StatementWriter.Mt940("BENCH-1", "DE89370400440532013000", "EUR", statementLines));
await WriteAsync("statement.csv", StatementWriter.Csv(statementLines));
Console.WriteLine($"Generated {invoiceCount} open invoices of {customers} customers and {lines} statement lines (seed {seed}) in {clock.ElapsedMilliseconds} ms into {output}.");

var truth = await Load(() => CashEvaluation.LoadTruthAsync(File.OpenRead(Path.Combine(output, "truth.csv")), CancellationToken.None));
if (mode == "debug")
{
    // debug CASE [statement.xml|statement.sta|statement.csv]: the receipts of one case whose best candidate is wrong,
    // read from the generator's lines or, when a file is named, as that format's parser reads them.
    var matcher = await MatcherAsync();
    var kind = args[1];
    var parsedLines = new Dictionary<string, StatementLine>(StringComparer.Ordinal);
    if (args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal))
    {
        await using var stream = File.OpenRead(Path.Combine(output, args[2]));
        var (parsed, _) = await StatementParsers.ParseAsync(stream, null, null, CancellationToken.None);
        parsedLines = parsed.Lines.ToDictionary(l => l.EntryReference!, StringComparer.Ordinal);
    }

    foreach (var receipt in generator.Receipts.Where(r => r.Case == kind).Take(400))
    {
        var line = parsedLines.GetValueOrDefault(receipt.Line.EntryReference!, receipt.Line);
        var result = matcher.Match(new Receipt(line.Key, line.BookingDate, line.Amount, line.Currency, line.PayerName, line.PayerIban, line.Remittance, line.BookingCode));
        var right = result.Best is not null && result.Best.InvoiceNumbers.Order().SequenceEqual(receipt.Invoices.Order());
        if (right)
        {
            continue;
        }

        Console.WriteLine($"{line.EntryReference} {line.Amount} '{line.PayerName}' {line.PayerIban} '{line.Remittance}' truth={string.Join(';', receipt.Invoices)} auto={result.AutoApply}");
        foreach (var c in result.Candidates.Take(3))
        {
            Console.WriteLine($"   {c.Confidence:0.00} {c.Kind} {string.Join(';', c.InvoiceNumbers)} :: {string.Join(" | ", c.Evidence)}");
        }
    }

    return;
}

if (!speed)
{
    foreach (var file in new[] { "statement.xml", "statement.sta", "statement.csv" })
    {
        var matcher = await MatcherAsync();
        await using var stream = File.OpenRead(Path.Combine(output, file));
        var (parsed, format) = await StatementParsers.ParseAsync(stream, null, null, CancellationToken.None);
        Console.WriteLine($"## {format} ({file})");
        Console.WriteLine(CashEvaluation.Evaluate(matcher, matcher.OpenInvoices, parsed.Lines, truth).Format());
    }

    return;
}

var process = System.Diagnostics.Process.GetCurrentProcess();
TimeSpan Cpu()
{
    process.Refresh();
    return process.TotalProcessorTime;
}

Console.WriteLine($"Load average at start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")} on {Environment.ProcessorCount} cores.");
foreach (var file in new[] { "statement.xml", "statement.sta", "statement.csv" })
{
    clock.Restart();
    var cpu0 = Cpu();
    await using var stream = File.OpenRead(Path.Combine(output, file));
    var (parsed, format) = await StatementParsers.ParseAsync(stream, null, null, CancellationToken.None);
    var parseMs = clock.ElapsedMilliseconds;
    var cpu1 = Cpu();
    clock.Restart();
    var matcher = await MatcherAsync();
    var loadMs = clock.ElapsedMilliseconds;
    var cpu2 = Cpu();
    clock.Restart();
    var auto = 0;
    foreach (var line in parsed.Lines)
    {
        auto += matcher.Match(new Receipt(line.Key, line.BookingDate, line.Amount, line.Currency, line.PayerName, line.PayerIban, line.Remittance)).AutoApply ? 1 : 0;
    }

    var matchMs = clock.ElapsedMilliseconds;
    var cpu3 = Cpu();
    Console.WriteLine($"{format}: {parsed.Lines.Count} lines parsed in {parseMs} ms wall / {(cpu1 - cpu0).TotalMilliseconds:F0} ms CPU (the floor); "
        + $"matcher over {matcher.OpenInvoices} open invoices built in {loadMs} ms wall / {(cpu2 - cpu1).TotalMilliseconds:F0} ms CPU; "
        + $"matched in {matchMs} ms wall / {(cpu3 - cpu2).TotalMilliseconds:F0} ms CPU ({auto} applied automatically); total {parseMs + loadMs + matchMs} ms wall.");
}

async Task<CashMatcher> MatcherAsync()
{
    await using var invoices = File.OpenRead(Path.Combine(output, "invoices.csv"));
    await using var rates = File.OpenRead(Path.Combine(output, "rates.csv"));
    return await CashEvaluation.LoadMatcherAsync(invoices, rates, MatchingRules.Default, CancellationToken.None);
}

static async Task<T> Load<T>(Func<Task<T>> load) => await load();

Task WriteAsync(string name, string text) => File.WriteAllTextAsync(Path.Combine(output, name), text, new UTF8Encoding(false));

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string InvoicesCsv(StatementGenerator generator)
{
    var text = new StringBuilder("customer_id,customer_name,invoice_number,amount,currency,due_date,issue_date,customer_iban,discount,discount_until\n");
    foreach (var i in generator.Invoices)
    {
        text.Append(CultureInfo.InvariantCulture, $"{i.CustomerId},\"{i.CustomerName}\",{i.Number},{i.Amount.ToString("0.00", CultureInfo.InvariantCulture)},{i.Currency},")
            .Append(CultureInfo.InvariantCulture, $"{i.DueDate:yyyy-MM-dd},{i.IssueDate:yyyy-MM-dd},{i.CustomerIban},")
            .Append(i.Discount > 0m ? i.Discount.ToString("0.00", CultureInfo.InvariantCulture) : "").Append(',')
            .Append(i.DiscountUntil is { } until ? until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "").Append('\n');
    }

    return text.ToString();
}

static string TruthCsv(StatementGenerator generator)
{
    var text = new StringBuilder("entry_ref,invoice_numbers,case\n");
    foreach (var r in generator.Receipts)
    {
        text.Append(r.Line.EntryReference).Append(',').Append(string.Join(';', r.Invoices)).Append(',').Append(r.Case).Append('\n');
    }

    return text.ToString();
}
