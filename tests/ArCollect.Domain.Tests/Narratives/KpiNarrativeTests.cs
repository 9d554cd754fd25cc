using ArCollect.Domain.Kpis;
using ArCollect.Domain.Narratives;

namespace ArCollect.Domain.Tests.Narratives;

/// <summary>
/// October and November 2026 on a four-invoice ledger, worked on paper (today 2 Dec 2026, target 50 %):
///   A issued 1 Oct, due 31 Oct, 3000, paid 20 Oct.   B issued 10 Oct, due 9 Nov, 3000, paid 5 Nov.
///   C issued 1 Nov, due 1 Dec, 3000, open.           D issued 5 Nov, due 20 Nov, 1500, open (disputed).
/// October: opening 0, sales 6000, closing 3000 (B), current 3000 (B due 9 Nov); DSO 3000/6000 x 31 = 15.5;
///   CEI (0 + 6000 - 3000) / (6000 - 3000) = 100.
/// November: opening 3000, sales 4500, cash 3000, closing 4500 (C + D), current 3000 (C due 1 Dec);
///   DSO 4500/4500 x 30 = 30.0 (rose 14.5 days, effect 14.5/15.5 = 0.94); CEI 3000/4500 = 66.7 (fell 33.3 points);
///   collection rate 3000 / 7500 = 40.0 %, 10.0 points below 50 (effect 10/50 = 0.2).
/// Overdue today: D 1500 (disputed), chased by Anna; Ben's customers owe nothing overdue.
/// </summary>
public sealed class KpiNarrativeTests
{
    private static readonly IReadOnlyList<LedgerInvoice> Ledger =
    [
        new(new(2026, 10, 1), new(2026, 10, 31), 3000m, [new(new(2026, 10, 20), 3000m, true)], new(2026, 10, 20)),
        new(new(2026, 10, 10), new(2026, 11, 9), 3000m, [new(new(2026, 11, 5), 3000m, true)], new(2026, 11, 5)),
        new(new(2026, 11, 1), new(2026, 12, 1), 3000m, [], null),
        new(new(2026, 11, 5), new(2026, 11, 20), 1500m, [], null),
    ];

    private static readonly KpiNarrativeLinks Links = new(
        k => $"#kpi-{k.PeriodStart:yyyy-MM-dd}",
        s => $"state:{s}",
        c => $"collector:{c}");

    private static IReadOnlyList<KpiSnapshot> Trend(IReadOnlyList<LedgerInvoice> ledger) =>
    [
        KpiCalculator.Compute(ledger, new(2026, 10, 1), new(2026, 10, 31), 50m),
        KpiCalculator.Compute(ledger, new(2026, 11, 1), new(2026, 11, 30), 50m),
        KpiCalculator.Compute(ledger, new(2026, 12, 1), new(2026, 12, 2), null) with { Partial = true },
    ];

    private static KpiNarrativeInput Input(IReadOnlyList<LedgerInvoice> ledger, decimal disputedOverdue, decimal notChasedOverdue) => new(
        Trend(ledger),
        Monthly: true,
        Target: 50m,
        [
            new(WorkflowState.Disputed, disputedOverdue > 0 ? 1 : 0, disputedOverdue),
            new(WorkflowState.NotChased, 1, notChasedOverdue),
            new(WorkflowState.Resolved, 2, 0m),
        ],
        [new("11111111-1111-1111-1111-111111111111", "Anna", disputedOverdue + notChasedOverdue), new("22222222-2222-2222-2222-222222222222", "Ben", 0m)],
        "EUR");

    [Fact]
    public void Sentences_report_the_last_complete_month_largest_effect_first_each_linked_to_its_rows()
    {
        var sentences = KpiNarrative.Compose(Input(Ledger, 1500m, 0m), Links);

        Assert.Equal(
            [
                "Anna's customers hold 100 % of the overdue amount (EUR 1,500.00).",
                "100 % of the overdue amount (EUR 1,500.00) is disputed.",
                "DSO rose 14.5 days in November 2026, from 15.5 to 30.0.",
                "CEI fell 33.3 points in November 2026, from 100.0 to 66.7.",
                "The collection rate in November 2026 was 40.0 %, 10.0 points below the 50.0 % target.",
            ],
            sentences.Select(s => s.Text));
        Assert.Equal("collector:11111111-1111-1111-1111-111111111111", sentences[0].Parts[0].Link);
        Assert.Equal("state:Disputed", sentences[1].Parts.Single(p => p.Link is not null).Link);
        Assert.All(sentences.Skip(2), s => Assert.Equal("#kpi-2026-11-01", s.Parts[0].Link));
    }

    [Fact]
    public void The_running_month_is_never_the_subject()
    {
        var sentences = KpiNarrative.Compose(Input(Ledger, 1500m, 0m), Links);

        Assert.DoesNotContain(sentences, s => s.Text.Contains("December", StringComparison.Ordinal));
    }

    [Fact]
    public void A_steady_month_falls_back_to_the_levels_and_small_shares_are_not_named()
    {
        // Two weeks of equal length with the same DSO: no change is worth a sentence, so the levels fill in.
        IReadOnlyList<LedgerInvoice> steady =
        [
            new(new(2026, 11, 16), new(2026, 12, 16), 700m, [new(new(2026, 11, 23), 700m, true)], new(2026, 11, 23)),
            new(new(2026, 11, 23), new(2026, 12, 23), 700m, [], null),
        ];
        // Week of 16 Nov: sales 700, closing 700 (due 16 Dec, current) -> DSO 700/700 x 7 = 7.0; CEI (0+700-700)/(700-700): no value.
        // Week of 23 Nov: opening 700, sales 700, cash 700, closing 700 -> DSO 7.0 again (no change); collection rate
        // 700 / 1400 = 50.0 %, exactly the target; CEI (700+700-700)/(700+700-700) = 100.0.
        IReadOnlyList<KpiSnapshot> trend =
        [
            KpiCalculator.Compute(steady, new(2026, 11, 16), new(2026, 11, 22), 50m),
            KpiCalculator.Compute(steady, new(2026, 11, 23), new(2026, 11, 29), 50m),
        ];
        var input = new KpiNarrativeInput(trend, Monthly: false, 50m, [new(WorkflowState.NotChased, 1, 100m), new(WorkflowState.Disputed, 1, 10m)], [], "EUR");

        var sentences = KpiNarrative.Compose(input, Links);

        Assert.Equal(
            [
                "91 % of the overdue amount (EUR 100.00) is not chased yet.",
                "DSO was 7.0 days in the week of 2026-11-23.",
                "CEI was 100.0 in the week of 2026-11-23.",
            ],
            sentences.Select(s => s.Text));
    }
}
