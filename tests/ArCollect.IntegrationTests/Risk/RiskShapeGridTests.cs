using System.Globalization;
using System.Text;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Risk;
using Xunit.Abstractions;

namespace ArCollect.IntegrationTests.Risk;

/// <summary>
/// <c>ml evaluate</c>'s path (CSV read, features, rolling-origin selection, paired keep decision) on ledgers of
/// shapes the default demo does not have. Small enough for a 2-core CI.
/// </summary>
public sealed class RiskShapeGridTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    public static TheoryData<string, int, int, int?, bool, double, int> Shapes => new()
    {
        // name, invoices, customers, common terms, seasonality, share changing behaviour, grace days
        { "outside ledger: one common term, grace 0", 3000, 100, 30, true, 0, 0 },
        { "many terms, seasonal, many small customers", 3000, 300, null, true, 0, 5 },
        { "few customers, 40% change behaviour, no seasonality", 2500, 50, null, false, 0.4, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void What_is_kept_is_never_worse_than_the_heuristic_by_more_than_its_interval(
        string shape, int invoices, int customers, int? terms, bool seasonality, double changing, int grace)
    {
        var options = new DemoOptions { Today = Today, Invoices = invoices, Customers = customers, CommonTermsDays = terms, Seasonality = seasonality, BehaviourChangeShare = changing };

        var report = Evaluate(Csv(DemoLedgerGenerator.Generate(Guid.NewGuid(), [Guid.NewGuid()], options), shuffle: false), grace);

        output.WriteLine(shape);
        output.WriteLine(RiskReportTable.Format(report));
        var model = report.Model!;
        var heuristic = report.Heuristic;
        var comparison = report.Comparison!;

        // What scores the tenant: each head is the model's if kept, else the heuristic's.
        var aucInUse = report.ClassifierKept ? model.Auc : heuristic.Auc;
        var maeInUse = report.RegressorKept ? model.MaeDays : heuristic.MaeDays;
        Assert.True(aucInUse >= heuristic.Auc - HalfWidth(comparison.Auc), $"AUC in use {aucInUse:F3} vs heuristic {heuristic.Auc:F3}");
        Assert.True(maeInUse <= heuristic.MaeDays + HalfWidth(comparison.MaeDays), $"MAE in use {maeInUse:F2} vs heuristic {heuristic.MaeDays:F2}");
        Assert.Equal(report.ClassifierKept, comparison.Auc.Lower > 0);
        Assert.Equal(report.RegressorKept, comparison.MaeDays.Upper < 0 && comparison.RmseDays.Lower <= 0);
        Assert.Equal(report.ClassifierKept || report.RegressorKept, report.ModelBeatsHeuristic);
    }

    /// <summary>
    /// On shuffled targets there is nothing to learn. The keep rule is a 95% paired interval, so by chance alone a head
    /// is kept about once in 20 shuffles (seed 7 keeps the classifier on today's demo generator: AUC +0.085
    /// [+0.017, +0.158]); over five independent shuffles each head may be kept once at most, and the model as a whole
    /// never more than once. A leak would keep it on every shuffle.
    /// </summary>
    [Fact]
    public void Nothing_is_kept_on_shuffled_targets()
    {
        var options = new DemoOptions { Today = Today, Invoices = 3000, Customers = 100, CommonTermsDays = 30 };
        var ledger = DemoLedgerGenerator.Generate(Guid.NewGuid(), [Guid.NewGuid()], options);

        var reports = new[] { 7, 8, 9, 10, 11 }.Select(seed => Evaluate(Csv(ledger, shuffle: true, seed), graceDays: 0)).ToList();

        foreach (var report in reports)
        {
            output.WriteLine(RiskReportTable.Format(report));
        }

        Assert.True(reports.Count(r => r.ClassifierKept) <= 1, string.Join(" | ", reports.Select(r => r.Outcome)));
        Assert.True(reports.Count(r => r.RegressorKept) <= 1, string.Join(" | ", reports.Select(r => r.Outcome)));
        Assert.True(reports.Count(r => r.Outcome.StartsWith("Model not kept", StringComparison.Ordinal)) >= 4, string.Join(" | ", reports.Select(r => r.Outcome)));
    }

    private static RiskRunReport Evaluate(string csv, int graceDays)
    {
        using var reader = new StringReader(csv);
        var ledger = RiskCsvReader.Read(reader);
        Assert.Equal(0, ledger.BadRows);
        return RiskTrainer.Train(RiskDataset.Examples(ledger.Histories, graceDays), graceDays).Report;
    }

    private static double HalfWidth(PairedInterval interval) => (interval.Upper - interval.Lower) / 2;

    /// <summary>The ledger as an outside system would export it; shuffled, every settled invoice gets another's delay.</summary>
    private static string Csv(DemoLedger ledger, bool shuffle, int seed = 7)
    {
        var settled = ledger.Invoices.Where(i => i.SettledOn is not null).ToList();
        var delays = settled.Select(i => i.SettledOn!.Value.DayNumber - i.DueDate.DayNumber).ToArray();
        if (shuffle)
        {
            new Random(seed).Shuffle(delays);
        }

        var settledOn = settled.Select((i, k) => (i.Id, On: Max(i.IssueDate, i.DueDate.AddDays(delays[k])))).ToDictionary(x => x.Id, x => x.On);
        var customers = ledger.Customers.ToDictionary(c => c.Id);
        var csv = new StringBuilder("customer_id,invoice_id,invoice_date,due_date,amount,currency,country,segment,settled_date\n");
        foreach (var i in ledger.Invoices)
        {
            var c = customers[i.CustomerId];
            var on = settledOn.TryGetValue(i.Id, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            csv.Append(CultureInfo.InvariantCulture, $"{c.ExternalId},{i.Number},{i.IssueDate:yyyy-MM-dd},{i.DueDate:yyyy-MM-dd},{i.Total},{i.Currency},{c.Country},{c.Segment},{on}\n");
        }

        return csv.ToString();
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
