using ArCollect.Domain.Common;
using ArCollect.Domain.Kpis;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>A state's invoices: how many, and their open and overdue amounts in the base currency.</summary>
public sealed record WorkflowStateRow(WorkflowState State, int Count, decimal Open, decimal Overdue);

/// <summary>A collector's open and overdue amounts (base currency) and invoice count per state (indexed by <see cref="WorkflowState"/>).</summary>
public sealed record CollectorRow(string Key, string Name, decimal Open, decimal Overdue, int[] Counts);

/// <summary>
/// Invoices by workflow state and by collector. Amounts are balances, so they convert at the rate in force today;
/// amounts in a currency without a rate are left out (the invoices still count) and the currency is named.
/// </summary>
public sealed record WorkflowReport(IReadOnlyList<WorkflowStateRow> States, IReadOnlyList<CollectorRow> Collectors, IReadOnlyList<string> MissingRates)
{
    public static readonly int StateCount = Enum.GetValues<WorkflowState>().Length;

    public static WorkflowReport Build(IEnumerable<WorkflowCell> cells, DateOnly today, CurrencyConverter converter)
    {
        var counts = new int[StateCount];
        var open = new decimal[StateCount];
        var overdue = new decimal[StateCount];
        var collectors = new Dictionary<string, CollectorRow>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            var state = (int)Enum.Parse<WorkflowState>(cell.State);
            var currency = cell.Currency.Trim();
            var rate = converter.RateFor(currency, today)?.RateToBase;
            if (rate is null && cell.Open != 0m)
            {
                missing.Add(currency);
            }

            var openBase = cell.Open * (rate ?? 0m);
            var overdueBase = cell.Overdue * (rate ?? 0m);
            counts[state] += cell.Count;
            open[state] += openBase;
            overdue[state] += overdueBase;
            if (!collectors.TryGetValue(cell.CollectorKey, out var row))
            {
                row = new CollectorRow(cell.CollectorKey, cell.CollectorName, 0m, 0m, new int[StateCount]);
            }

            row.Counts[state] += cell.Count;
            collectors[cell.CollectorKey] = row with { Open = row.Open + openBase, Overdue = row.Overdue + overdueBase };
        }

        var states = Enum.GetValues<WorkflowState>().Select(s => new WorkflowStateRow(s, counts[(int)s], open[(int)s], overdue[(int)s])).ToList();
        var byCollector = collectors.Values.OrderByDescending(r => r.Open).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new WorkflowReport(states, byCollector, missing.ToList());
    }
}
