using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Replies;
using ArCollect.Infrastructure.Risk;

namespace ArCollect.Web.Hosting;

/// <summary>
/// <c>ml evaluate --csv FILE [--grace DAYS]</c>: trains and judges model and heuristic on any invoice CSV with the
/// same feature builder and time-ordered split as the nightly job, and prints the side-by-side table.
/// <c>ml classify --csv FILE</c>: scores the reply classifier (trained on the shipped corpus) and the keyword baseline
/// on any CSV with the columns text, intent, tone (optional language). Neither needs a database.
/// </summary>
public static class MlCommand
{
    public const string Usage = "Use 'ml evaluate --csv FILE [--grace DAYS]' or 'ml classify --csv FILE'.";
    private const int DefaultGraceDays = 5;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count > 0 && args[0] == "classify")
        {
            return await ClassifyAsync(args, output, errors);
        }

        if (args.Count == 0 || args[0] != "evaluate")
        {
            await errors.WriteLineAsync($"arcollect: unknown ml command '{(args.Count > 0 ? args[0] : "")}'. {Usage}");
            return 2;
        }

        var file = Option(args, "--csv");
        var graceText = Option(args, "--grace");
        var grace = DefaultGraceDays;
        if (file is null || (graceText is not null && (!int.TryParse(graceText, out grace) || grace < 0)))
        {
            await errors.WriteLineAsync(file is null ? $"arcollect: ml evaluate needs --csv FILE. {Usage}" : $"arcollect: --grace '{graceText}' is not a whole number of days.");
            return 2;
        }

        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"arcollect: the CSV file '{file}' does not exist.");
            return 1;
        }

        RiskCsvLedger ledger;
        try
        {
            using var reader = new StreamReader(file);
            ledger = RiskCsvReader.Read(reader);
        }
        catch (InvalidDataException ex)
        {
            await errors.WriteLineAsync($"arcollect: {file}: {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync($"Read {ledger.Rows} rows from {file}: {ledger.Invoices} invoices of {ledger.Histories.Count} customers, {ledger.BadRows} bad rows left out.");
        foreach (var problem in ledger.Problems)
        {
            await output.WriteLineAsync("  " + problem);
        }

        if (ledger.BadRows > ledger.Problems.Count)
        {
            await output.WriteLineAsync($"  ... and {ledger.BadRows - ledger.Problems.Count} more bad rows.");
        }

        var examples = RiskDataset.Examples(ledger.Histories, grace);
        if (examples.Count < 2)
        {
            await errors.WriteLineAsync($"arcollect: {file} has {examples.Count} settled invoices; evaluation needs at least two.");
            return 1;
        }

        var result = RiskTrainer.Train(examples, grace);
        await output.WriteLineAsync(RiskReportTable.Format(result.Report));
        return 0;
    }

    private static async Task<int> ClassifyAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var file = Option(args, "--csv");
        if (file is null)
        {
            await errors.WriteLineAsync($"arcollect: ml classify needs --csv FILE. {Usage}");
            return 2;
        }

        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"arcollect: the CSV file '{file}' does not exist.");
            return 1;
        }

        ReplyCsv csv;
        try
        {
            using var reader = new StreamReader(file);
            csv = ReplyCsvReader.Read(reader);
        }
        catch (InvalidDataException ex)
        {
            await errors.WriteLineAsync($"arcollect: {file}: {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync($"Read {csv.Rows.Count + csv.BadRows} rows from {file}: {csv.Rows.Count} labelled replies, {csv.BadRows} bad rows left out.");
        foreach (var problem in csv.Problems)
        {
            await output.WriteLineAsync("  " + problem);
        }

        if (csv.BadRows > csv.Problems.Count)
        {
            await output.WriteLineAsync($"  ... and {csv.BadRows - csv.Problems.Count} more bad rows.");
        }

        if (csv.Rows.Count == 0)
        {
            await errors.WriteLineAsync($"arcollect: {file} has no usable rows to classify.");
            return 1;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var training = ReplyCsvReader.ReadShipped("train.csv").Rows;
        var model = ReplyModel.Train(training);
        await output.WriteLineAsync($"Trained on the shipped corpus ({training.Count} messages) in {watch.Elapsed.TotalSeconds:0.0} s.");
        await output.WriteLineAsync(ReplyReportTable.Format(ReplyEvaluator.Evaluate(model, csv.Rows)));
        return 0;
    }

    /// <summary>The value of <c>--name VALUE</c> or <c>--name=VALUE</c>.</summary>
    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
