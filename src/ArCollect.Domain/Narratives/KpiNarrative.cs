using System.Globalization;
using ArCollect.Domain.Kpis;

namespace ArCollect.Domain.Narratives;

/// <summary>Overdue amount and invoice count of one workflow state, in the base currency.</summary>
public sealed record StateOverdue(WorkflowState State, int Count, decimal Overdue);

/// <summary>A collector's overdue amount in the base currency; <see cref="Key"/> is the user id, or empty for unassigned.</summary>
public sealed record CollectorOverdue(string Key, string Name, decimal Overdue);

/// <summary>What the KPI page already computed: the trend, the target and the workflow tables.</summary>
public sealed record KpiNarrativeInput(
    IReadOnlyList<KpiSnapshot> Trend,
    bool Monthly,
    decimal Target,
    IReadOnlyList<StateOverdue> States,
    IReadOnlyList<CollectorOverdue> Collectors,
    string BaseCurrency,
    IReadOnlyList<CustomerArChange>? CustomerChanges = null);

/// <summary>
/// Where each kind of sentence links to: a period's row, the invoices of a state, a collector's overdue invoices, a
/// customer's page and the customers of a region or segment ("region" or "segment", value).
/// </summary>
public sealed record KpiNarrativeLinks(
    Func<KpiSnapshot, string> Period,
    Func<WorkflowState, string> State,
    Func<string, string> Collector,
    Func<Guid, string>? Customer = null,
    Func<string, string, string>? Group = null);

/// <summary>
/// The KPI page's opening sentences, from the snapshots and workflow tables the page shows: DSO, CEI and the collection
/// rate of the last complete period against the one before and the target, which state holds most of the overdue
/// amount, and whether one collector holds most of it. Given how each customer's receivables moved between the two
/// period ends, a DSO change also says which customers (and region or segment) explain it (<see cref="DsoNarrative"/>).
/// </summary>
public static class KpiNarrative
{
    /// <summary>DSO or ADD moved by at least this share of its previous value.</summary>
    public const decimal DaysChangeShare = 0.02m;

    /// <summary>CEI moved by at least this many points.</summary>
    public const decimal CeiChangePoints = 1m;

    /// <summary>Collection rate at least this many points from the target.</summary>
    public const decimal TargetGapPoints = 0.5m;

    /// <summary>A state is named when it holds at least this share of the overdue amount.</summary>
    public const decimal StateShare = 0.2m;

    /// <summary>A collector is named when the customers they chase hold at least this share of the overdue amount.</summary>
    public const decimal CollectorShare = 0.4m;

    public static IReadOnlyList<NarrativeSentence> Compose(KpiNarrativeInput input, KpiNarrativeLinks links)
    {
        var complete = input.Trend.Where(k => !k.Partial).ToList();
        if (complete.Count == 0)
        {
            return [];
        }

        var last = complete[^1];
        var previous = complete.Count > 1 ? complete[^2] : null;
        var period = PeriodName(last, input.Monthly);
        var findings = new List<NarrativeSentence>();
        var fillers = new List<NarrativeSentence>();

        if (last.Dso is { } dso)
        {
            var attribution = previous is not null && input.CustomerChanges is { } changes ? DsoAttribution.Of(previous, last, changes) : null;
            var why = attribution is not null ? DsoNarrative.Clauses(attribution, links) : [];
            var change = previous?.Dso is { } before
                ? Change("dso", "DSO", dso, before, " days", period, links.Period(last), DaysChangeShare, relative: true, why) : null;
            if (change is not null)
            {
                findings.Add(change);
                if (attribution is not null && DsoNarrative.GroupSentence(attribution, period, change.Effect, links) is { } group)
                {
                    findings.Add(group);
                }
            }
            else
            {
                fillers.Add(Sentence("dso-level", 0m, new($"DSO was {Narrative.One(dso)} days in {period}", links.Period(last)), new(".")));
            }
        }

        if (last.Cei is { } cei)
        {
            var change = previous?.Cei is { } ceiBefore
                ? Change("cei", "CEI", cei, ceiBefore, " points", period, links.Period(last), CeiChangePoints, relative: false) : null;
            if (change is not null)
            {
                findings.Add(change);
            }
            else
            {
                fillers.Add(Sentence("cei-level", 0m, new($"CEI was {Narrative.One(cei)} in {period}", links.Period(last)), new(".")));
            }
        }

        if (last.CollectionRate is { } rate && last.CollectionRateVsTarget is { } gap)
        {
            var side = gap < 0 ? "below" : "above";
            var sentence = Sentence(
                "collection-rate",
                input.Target > 0 ? Math.Abs(gap) / input.Target : 0m,
                new($"The collection rate in {period} was {Narrative.One(rate)} %", links.Period(last)),
                new($", {Narrative.One(Math.Abs(gap))} points {side} the {Narrative.One(input.Target)} % target."));
            (Math.Abs(gap) >= TargetGapPoints ? findings : fillers).Add(sentence);
        }

        var overdue = input.States.Sum(s => s.Overdue);
        if (overdue > 0m)
        {
            var top = input.States.Where(s => s.State != WorkflowState.Resolved).OrderByDescending(s => s.Overdue).First();
            var share = top.Overdue / overdue;
            if (share >= StateShare)
            {
                findings.Add(Sentence(
                    "state",
                    share,
                    new($"{Narrative.Percent(share)} of the overdue amount ({Narrative.Money(input.BaseCurrency, top.Overdue)}) is "),
                    new(StateWords(top.State), links.State(top.State)),
                    new(".")));
            }

            if (input.Collectors.Count > 1)
            {
                var collector = input.Collectors.OrderByDescending(c => c.Overdue).ThenBy(c => c.Name, StringComparer.Ordinal).First();
                var collectorShare = collector.Overdue / overdue;
                if (collectorShare >= CollectorShare)
                {
                    var who = collector.Key.Length == 0 ? "Customers without a collector" : $"{collector.Name}'s customers";
                    findings.Add(Sentence(
                        "collector",
                        collectorShare,
                        new(who, links.Collector(collector.Key)),
                        new($" hold {Narrative.Percent(collectorShare)} of the overdue amount ({Narrative.Money(input.BaseCurrency, collector.Overdue)}).")));
                }
            }
        }

        return Narrative.Choose(findings, fillers);
    }

    /// <summary>"November 2026" or "the week of 2026-11-23".</summary>
    public static string PeriodName(KpiSnapshot k, bool monthly) =>
        monthly ? k.PeriodStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : $"the week of {k.PeriodStart:yyyy-MM-dd}";

    private static string StateWords(WorkflowState state) => state switch
    {
        WorkflowState.Disputed => "disputed",
        WorkflowState.Promised => "promised to be paid",
        WorkflowState.Escalated => "escalated",
        WorkflowState.InFollowUp => "in follow-up (reminded, no promise or dispute)",
        WorkflowState.NotChased => "not chased yet",
        _ => "resolved",
    };

    private static NarrativeSentence? Change(
        string key, string name, decimal now, decimal before, string unit, string period, string link, decimal threshold, bool relative,
        IReadOnlyList<NarrativePart>? why = null)
    {
        var delta = now - before;
        var effect = relative ? (before == 0m ? 1m : Math.Abs(delta) / Math.Abs(before)) : Math.Abs(delta) / 100m;
        if ((relative ? effect : Math.Abs(delta)) < threshold || Math.Round(delta, 1) == 0m)
        {
            return null;
        }

        var verb = delta > 0 ? "rose" : "fell";
        return Sentence(
            key,
            effect,
            [
                new($"{name} {verb} {Narrative.One(Math.Abs(delta))}{unit} in {period}", link),
                new($", from {Narrative.One(before)} to {Narrative.One(now)}"),
                .. (why ?? []),
                new("."),
            ]);
    }

    private static NarrativeSentence Sentence(string key, decimal effect, params NarrativePart[] parts) =>
        new(key, parts.Where(p => p.Text.Length > 0).ToList(), effect);
}
