using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Risk;
using Xunit.Abstractions;

namespace ArCollect.IntegrationTests.Risk;

public sealed class DemoQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Model_beats_the_heuristic_on_the_default_demo_ledger()
    {
        var ledger = DemoLedgerGenerator.Generate(Guid.NewGuid(), [Guid.NewGuid()], new DemoOptions { Today = new DateOnly(2026, 6, 15) });
        var histories = RiskLedger.Histories(ledger.Customers, ledger.Invoices, ledger.Disputes);

        var result = RiskTrainer.Train(RiskDataset.Examples(histories, graceDays: 5), graceDays: 5);

        output.WriteLine(RiskReportTable.Format(result.Report));
        var model = result.Report.Model!;
        Assert.True(model.Auc >= 0.80, $"AUC {model.Auc:F3}");
        Assert.True(model.MaeDays <= result.Report.Heuristic.MaeDays * 0.85, $"MAE {model.MaeDays:F2} vs heuristic {result.Report.Heuristic.MaeDays:F2}");
        Assert.True(result.Report.ModelBeatsHeuristic);
    }

    [Fact]
    public void Model_does_not_beat_the_heuristic_when_outcomes_are_shuffled()
    {
        var ledger = DemoLedgerGenerator.Generate(Guid.NewGuid(), [Guid.NewGuid()], new DemoOptions { Today = new DateOnly(2026, 6, 15), Customers = 300, Invoices = 12000 });
        var invoices = ledger.Invoices.Select(RiskLedger.ToRisk).ToList();

        // Every settled invoice gets another invoice's delay: histories and targets alike lose all signal.
        var settled = invoices.Where(i => i.SettledOn is not null).ToList();
        var delays = settled.Select(i => i.SettledOn!.Value.DayNumber - i.DueDate.DayNumber).ToArray();
        new Random(7).Shuffle(delays);
        var shuffled = settled.Select((i, k) => i with { SettledOn = i.DueDate.AddDays(delays[k]) });
        var histories = RiskLedger.Histories(ledger.Customers.Select(RiskLedger.ToRisk), shuffled, []);

        var result = RiskTrainer.Train(RiskDataset.Examples(histories, graceDays: 5), graceDays: 5);

        output.WriteLine(RiskReportTable.Format(result.Report));
        Assert.True(result.Report.Model!.Auc < 0.6, $"AUC {result.Report.Model.Auc:F3} on noise");
        Assert.False(result.Report.ModelBeatsHeuristic);
    }
}
