namespace ArCollect.Domain.Risk;

/// <summary>
/// A difference "model minus heuristic" measured on the same invoices, with its 95% paired-bootstrap interval.
/// Positive is better for AUC; negative is better for MAE and RMSE.
/// </summary>
public sealed record PairedInterval(double Difference, double Lower, double Upper)
{
    /// <summary>The whole interval lies above zero.</summary>
    public bool ClearlyAboveZero => Lower > 0;

    /// <summary>The whole interval lies below zero.</summary>
    public bool ClearlyBelowZero => Upper < 0;
}

/// <summary>Model and heuristic compared on one holdout: AUC, MAE and RMSE differences with their intervals.</summary>
public sealed record PairedComparison(int Replicates, PairedInterval Auc, PairedInterval MaeDays, PairedInterval RmseDays);

/// <summary>
/// Paired bootstrap: the holdout invoices are resampled with replacement, and on each resample both predictors are
/// scored on the very same invoices, so the interval measures how sure the difference is, not how noisy each score
/// is alone. A resample is drawn as a count per invoice, which lets the AUC of each replicate be computed in one pass
/// over orders sorted once.
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultReplicates = 400;

    public static PairedComparison Compare(
        IReadOnlyList<RiskPrediction> model, IReadOnlyList<RiskPrediction> heuristic, IReadOnlyList<int> daysLate, int graceDays, int replicates = DefaultReplicates, int seed = 1)
    {
        var n = daysLate.Count;
        if (model.Count != n || heuristic.Count != n)
        {
            throw new ArgumentException("Model, heuristic and outcomes must cover the same invoices.", nameof(daysLate));
        }

        var late = daysLate.Select(d => RiskLabels.IsLate(d, graceDays)).ToArray();
        var modelScores = model.Select(p => p.ProbabilityLate).ToArray();
        var heuristicScores = heuristic.Select(p => p.ProbabilityLate).ToArray();
        var modelOrder = Order(modelScores);
        var heuristicOrder = Order(heuristicScores);
        var modelAbs = new double[n];
        var heuristicAbs = new double[n];
        for (var i = 0; i < n; i++)
        {
            modelAbs[i] = Math.Abs(model[i].ExpectedDaysLate - daysLate[i]);
            heuristicAbs[i] = Math.Abs(heuristic[i].ExpectedDaysLate - daysLate[i]);
        }

        var ones = Enumerable.Repeat(1, n).ToArray();
        var auc = new double[replicates];
        var mae = new double[replicates];
        var rmse = new double[replicates];
        var random = new Random(seed);
        var counts = new int[n];
        for (var r = 0; r < replicates; r++)
        {
            Array.Clear(counts);
            for (var k = 0; k < n; k++)
            {
                counts[random.Next(n)]++;
            }

            auc[r] = WeightedAuc(modelScores, modelOrder, late, counts) - WeightedAuc(heuristicScores, heuristicOrder, late, counts);
            (mae[r], rmse[r]) = ErrorDifferences(modelAbs, heuristicAbs, counts);
        }

        var (maeAll, rmseAll) = ErrorDifferences(modelAbs, heuristicAbs, ones);
        return new PairedComparison(
            replicates,
            Interval(WeightedAuc(modelScores, modelOrder, late, ones) - WeightedAuc(heuristicScores, heuristicOrder, late, ones), auc),
            Interval(maeAll, mae),
            Interval(rmseAll, rmse));
    }

    /// <summary>
    /// AUC with each invoice counted <paramref name="counts"/> times: for every late invoice, the weight of on-time
    /// invoices scored below it plus half of those tied with it. Equals <see cref="RiskMetrics.Auc"/> when all counts are 1.
    /// </summary>
    public static double WeightedAuc(double[] scores, int[] order, bool[] late, int[] counts)
    {
        double pairs = 0, positives = 0, negatives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            double groupPositives = 0, groupNegatives = 0;
            for (var k = start; k <= end; k++)
            {
                var i = order[k];
                if (late[i])
                {
                    groupPositives += counts[i];
                }
                else
                {
                    groupNegatives += counts[i];
                }
            }

            pairs += groupPositives * (negatives + (groupNegatives / 2));
            positives += groupPositives;
            negatives += groupNegatives;
            start = end + 1;
        }

        return positives == 0 || negatives == 0 ? 0.5 : pairs / (positives * negatives);
    }

    private static int[] Order(double[] scores) => Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();

    private static (double Mae, double Rmse) ErrorDifferences(double[] modelAbs, double[] heuristicAbs, int[] counts)
    {
        double weight = 0, modelSum = 0, heuristicSum = 0, modelSquares = 0, heuristicSquares = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var c = counts[i];
            weight += c;
            modelSum += c * modelAbs[i];
            heuristicSum += c * heuristicAbs[i];
            modelSquares += c * modelAbs[i] * modelAbs[i];
            heuristicSquares += c * heuristicAbs[i] * heuristicAbs[i];
        }

        return weight == 0
            ? (0, 0)
            : ((modelSum - heuristicSum) / weight, Math.Sqrt(modelSquares / weight) - Math.Sqrt(heuristicSquares / weight));
    }

    /// <summary>The 2.5th and 97.5th percentiles of the replicates around the full-sample difference.</summary>
    private static PairedInterval Interval(double difference, double[] replicates)
    {
        if (replicates.Length == 0)
        {
            return new PairedInterval(difference, difference, difference);
        }

        var sorted = replicates.Order().ToArray();
        return new PairedInterval(difference, Percentile(sorted, 0.025), Percentile(sorted, 0.975));
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
