namespace ArCollect.Domain.Risk;

/// <summary>A settled invoice with its features as of its issue date and what happened to it.</summary>
public sealed record RiskExample(RiskFeatureVector Features, DateOnly IssueDate, int DaysLate);

/// <summary>Training examples and the time-ordered split shared by the nightly job and <c>ml evaluate</c>.</summary>
public static class RiskDataset
{
    /// <summary>Share of examples, the most recent by issue date, held out to judge model and heuristic.</summary>
    public const double HoldoutShare = 0.2;

    /// <summary>
    /// One example per settled invoice, with features as of its issue date: what was known when it was sent, which
    /// is also what an open invoice is scored with.
    /// </summary>
    public static List<RiskExample> Examples(IEnumerable<CustomerHistory> histories, int graceDays)
    {
        var examples = new List<RiskExample>();
        foreach (var history in histories)
        {
            foreach (var invoice in history.Invoices)
            {
                if (invoice.SettledOn is not null)
                {
                    var features = RiskFeatureBuilder.Build(invoice, history, invoice.IssueDate, graceDays);
                    examples.Add(new RiskExample(features, invoice.IssueDate, RiskLabels.DaysLate(invoice)));
                }
            }
        }

        return examples;
    }

    /// <summary>
    /// Oldest 80% by issue date to train on, newest 20% to judge on (or another <paramref name="holdoutShare"/>);
    /// both in issue-date order, ties broken by invoice id so the split is stable.
    /// </summary>
    public static (List<RiskExample> Training, List<RiskExample> Holdout) Split(IEnumerable<RiskExample> examples, double holdoutShare = HoldoutShare)
    {
        var ordered = examples.OrderBy(e => e.IssueDate).ThenBy(e => e.Features.InvoiceId).ToList();
        var trainingCount = (int)Math.Round(ordered.Count * (1 - holdoutShare));
        return (ordered.Take(trainingCount).ToList(), ordered.Skip(trainingCount).ToList());
    }

    /// <summary>
    /// Rolling-origin splits inside the (time-ordered) training rows, for choosing among candidate algorithms without
    /// touching the final holdout: fold k fits on everything before its origin and is judged on the next
    /// <paramref name="validationShare"/> of the rows. The last fold's validation slice is the newest part of the
    /// training rows, which also serves to calibrate probabilities.
    /// </summary>
    public static IReadOnlyList<(List<RiskExample> Fit, List<RiskExample> Validate)> RollingOrigins(IReadOnlyList<RiskExample> ordered, int folds = 3, double validationShare = 0.15)
    {
        var size = (int)Math.Round(ordered.Count * validationShare);
        var result = new List<(List<RiskExample>, List<RiskExample>)>();
        for (var k = folds; k >= 1; k--)
        {
            var origin = ordered.Count - (k * size);
            if (origin > 0 && size > 0)
            {
                result.Add((ordered.Take(origin).ToList(), ordered.Skip(origin).Take(size).ToList()));
            }
        }

        return result;
    }
}
