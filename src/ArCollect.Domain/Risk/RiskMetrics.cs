namespace ArCollect.Domain.Risk;

/// <summary>One row of a calibration table: predictions in [From, To) and how often those invoices were really late.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);

/// <summary>Holdout quality of one predictor: AUC, accuracy and Brier score for "late"; MAE and RMSE in days.</summary>
public sealed record RiskMetricSet(int Rows, double Auc, double Accuracy, double Brier, double MaeDays, double RmseDays, IReadOnlyList<CalibrationBin> Calibration)
{
    public static RiskMetricSet Compute(IReadOnlyList<RiskPrediction> predictions, IReadOnlyList<int> daysLate, int graceDays)
    {
        if (predictions.Count != daysLate.Count)
        {
            throw new ArgumentException("Each prediction needs exactly one outcome.", nameof(daysLate));
        }

        var probabilities = predictions.Select(p => p.ProbabilityLate).ToArray();
        var late = daysLate.Select(d => RiskLabels.IsLate(d, graceDays)).ToArray();
        var expected = predictions.Select(p => p.ExpectedDaysLate).ToArray();
        var actual = daysLate.Select(d => (double)d).ToArray();
        return new RiskMetricSet(
            predictions.Count,
            RiskMetrics.Auc(probabilities, late),
            RiskMetrics.Accuracy(probabilities, late),
            RiskMetrics.Brier(probabilities, late),
            RiskMetrics.Mae(expected, actual),
            RiskMetrics.Rmse(expected, actual),
            RiskMetrics.Calibration(probabilities, late, 10));
    }
}

/// <summary>Quality measures as pure functions over predictions and outcomes.</summary>
public static class RiskMetrics
{
    /// <summary>
    /// Area under the ROC curve: the chance that a random late invoice scores above a random on-time one (ties count
    /// half), computed from average ranks. 0.5 when only one class is present, as no ranking can be judged.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        var positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                if (positive[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        // In doubles: the products overflow int from about 46,000 late invoices.
        return (positiveRankSum - ((double)positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Standard error of an AUC measured on <paramref name="positives"/> late and <paramref name="negatives"/> on-time
    /// invoices (Hanley and McNeil, 1982): how far the same predictor's AUC would wander on another sample that size.
    /// </summary>
    public static double AucStandardError(double auc, int positives, int negatives)
    {
        if (positives == 0 || negatives == 0)
        {
            return 0;
        }

        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((positives - 1) * (q1 - (auc * auc))) + ((negatives - 1) * (q2 - (auc * auc)))) / ((double)positives * negatives);
        return Math.Sqrt(Math.Max(0, variance));
    }

    /// <summary>Share of invoices classified right when "late" means a probability of at least one half.</summary>
    public static double Accuracy(IReadOnlyList<double> probabilities, IReadOnlyList<bool> late) =>
        Mean(probabilities.Count, i => (probabilities[i] >= 0.5) == late[i] ? 1 : 0);

    /// <summary>Mean squared difference between the probability and the outcome (0 or 1); lower is better.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> late) =>
        Mean(probabilities.Count, i => Math.Pow(probabilities[i] - (late[i] ? 1 : 0), 2));

    public static double Mae(IReadOnlyList<double> predicted, IReadOnlyList<double> actual) =>
        Mean(predicted.Count, i => Math.Abs(predicted[i] - actual[i]));

    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> actual) =>
        Math.Sqrt(Mean(predicted.Count, i => Math.Pow(predicted[i] - actual[i], 2)));

    /// <summary>Equal-width probability bins; empty bins are left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> late, int bins)
    {
        var result = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            var from = b / (double)bins;
            var to = (b + 1) / (double)bins;
            var members = Enumerable.Range(0, probabilities.Count)
                .Where(i => probabilities[i] >= from && (probabilities[i] < to || (b == bins - 1 && probabilities[i] <= to)))
                .ToArray();
            if (members.Length > 0)
            {
                result.Add(new CalibrationBin(from, to, members.Length, members.Average(i => probabilities[i]), members.Average(i => late[i] ? 1.0 : 0.0)));
            }
        }

        return result;
    }

    private static double Mean(int count, Func<int, double> term)
    {
        if (count == 0)
        {
            return 0;
        }

        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += term(i);
        }

        return sum / count;
    }
}
