using System.Globalization;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Risk;

namespace ArCollect.Bench.Risk;

/// <summary>
/// How many settled invoices a model needs before a head replaces the heuristic: trains on demo ledgers of growing
/// size (about 30 invoices per customer, grace 5 days) and prints each head's holdout difference and keep decision.
/// </summary>
public static class LearningCurve
{
    public static void Run(IReadOnlyList<int> sizes, TextWriter output)
    {
        output.WriteLine("| invoices | settled | AUC model - heuristic [95%] | probabilities | MAE model - heuristic [95%] | dates |");
        output.WriteLine("| ---: | ---: | --- | --- | --- | --- |");
        foreach (var size in sizes)
        {
            var options = new DemoOptions { Today = new DateOnly(2026, 6, 15), Invoices = size, Customers = Math.Max(10, size / 30) };
            var ledger = DemoLedgerGenerator.Generate(Guid.NewGuid(), [Guid.NewGuid()], options);
            var examples = RiskDataset.Examples(RiskLedger.Histories(ledger.Customers, ledger.Invoices, ledger.Disputes), 5);
            var report = RiskTrainer.Train(examples, 5).Report;
            var p = report.Comparison;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size} | {examples.Count} | {(p is null ? "-" : RiskOutcome.Signed(p.Auc, "F3"))} | {Head(p, report.ClassifierKept)} | {(p is null ? "-" : RiskOutcome.Signed(p.MaeDays, "F2"))} | {Head(p, report.RegressorKept)} |"));
        }
    }

    private static string Head(PairedComparison? comparison, bool kept) => comparison is null ? "heuristic (too few)" : kept ? "model" : "heuristic";
}
