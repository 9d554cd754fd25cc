using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;

namespace ArCollect.Web.Hosting;

/// <summary>
/// <c>cash evaluate --invoices FILE --statement FILE --truth FILE [--rates FILE] [--threshold 0.90] [--lead 0.10] [--tolerance 5.00[,USD=8.00,...]]</c>:
/// matches a statement against open invoices with the app's matcher, under the same settings a tenant sets on
/// Settings, Cash application, and prints the quality table by case type. Needs no database.
/// </summary>
public static class CashCommand
{
    public const string Usage = "Use 'cash evaluate --invoices FILE --statement FILE --truth FILE [--rates FILE] [--threshold 0.90] [--lead 0.10] [--tolerance 5.00[,USD=8.00,...]]'.";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count == 0 || args[0] != "evaluate")
        {
            await errors.WriteLineAsync($"arcollect: unknown cash command '{(args.Count > 0 ? args[0] : "")}'. {Usage}");
            return 2;
        }

        var line = CommandLine.Parse(args.Skip(1).ToList());
        var invoices = line.Switch("invoices");
        var statement = line.Switch("statement");
        var truth = line.Switch("truth");
        var rates = line.Switch("rates");
        if (invoices is null || statement is null || truth is null)
        {
            await errors.WriteLineAsync($"arcollect: cash evaluate needs --invoices, --statement and --truth. {Usage}");
            return 2;
        }

        var rules = MatchingRules.Default;
        if (!TryDecimal(line.Switch("threshold"), rules.AutoApplyThreshold, out var threshold) || threshold is < 0m or > 1m
            || !TryDecimal(line.Switch("lead"), rules.Lead, out var lead) || lead is < 0m or > 1m
            || !TryTolerances(line.Switch("tolerance"), rules.AmountTolerance, out var tolerance, out var perCurrency))
        {
            await errors.WriteLineAsync("arcollect: --threshold and --lead are confidences between 0 and 1 (e.g. 0.90 and 0.10); --tolerance is an amount such as 5.00, optionally followed by currencies' own, e.g. 5.00,JPY=500,USD=8.00.");
            return 2;
        }

        foreach (var file in new[] { invoices, statement, truth, rates }.OfType<string>())
        {
            if (!File.Exists(file))
            {
                await errors.WriteLineAsync($"arcollect: the file '{file}' does not exist.");
                return 1;
            }
        }

        try
        {
            await using var invoiceFile = File.OpenRead(invoices);
            await using var rateFile = rates is null ? null : File.OpenRead(rates);
            var matcher = await CashEvaluation.LoadMatcherAsync(invoiceFile, rateFile, new MatchingRules(threshold, tolerance) { Lead = lead, CurrencyTolerances = perCurrency }, CancellationToken.None);
            await using var statementFile = File.OpenRead(statement);
            var (parsed, format) = await StatementParsers.ParseAsync(statementFile, null, null, CancellationToken.None);
            await using var truthFile = File.OpenRead(truth);
            var expected = await CashEvaluation.LoadTruthAsync(truthFile, CancellationToken.None);
            await output.WriteLineAsync($"Read {parsed.Lines.Count} statement lines ({format}) from {statement}, {matcher.OpenInvoices} open invoices, {expected.Count} truth rows.");
            var report = CashEvaluation.Evaluate(matcher, matcher.OpenInvoices, parsed.Lines, expected);
            await output.WriteLineAsync(report.Format());
            return 0;
        }
        catch (StatementFormatException ex)
        {
            await errors.WriteLineAsync($"arcollect: {ex.Message}");
            return 1;
        }
    }

    /// <summary>"5.00" or "5.00,JPY=500,USD=8.00": the default tolerance and the currencies' own, none negative.</summary>
    private static bool TryTolerances(string? text, decimal fallback, out decimal tolerance, out Dictionary<string, decimal> perCurrency)
    {
        perCurrency = new Dictionary<string, decimal>(StringComparer.Ordinal);
        tolerance = fallback;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !TryDecimal(parts[0], fallback, out tolerance) || tolerance < 0m)
        {
            return false;
        }

        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var code = pair[0].ToUpperInvariant();
            if (pair.Length != 2 || !ArCollect.Domain.Common.CurrencyCodes.IsKnown(code) || !TryDecimal(pair[1], 0m, out var amount) || amount < 0m)
            {
                return false;
            }

            perCurrency[code] = amount;
        }

        return true;
    }

    private static bool TryDecimal(string? text, decimal fallback, out decimal value)
    {
        value = fallback;
        return text is null || decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
