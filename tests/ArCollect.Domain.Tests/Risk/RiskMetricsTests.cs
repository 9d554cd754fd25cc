using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class RiskMetricsTests
{
    [Fact]
    public void Auc_counts_correctly_ordered_pairs_and_ties_as_half()
    {
        // Positives 0.8 and 0.4; negatives 0.4 and 0.1. Pairs: (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 → 3.5 / 4.
        var auc = RiskMetrics.Auc([0.8, 0.4, 0.4, 0.1], [true, true, false, false]);

        Assert.Equal(0.875, auc, 10);
    }

    [Fact]
    public void Auc_stays_between_zero_and_one_for_a_hundred_thousand_late_invoices()
    {
        // 100,000 late invoices all scored above 50,000 on-time ones: a perfect ranking.
        var scores = Enumerable.Range(0, 150_000).Select(i => i < 100_000 ? 0.9 : 0.1).ToArray();
        var late = Enumerable.Range(0, 150_000).Select(i => i < 100_000).ToArray();

        Assert.Equal(1.0, RiskMetrics.Auc(scores, late), 10);
    }

    [Fact]
    public void Auc_standard_error_follows_Hanley_and_McNeil()
    {
        // A = 0.5, 440 and 440: Q1 = Q2 = 1/3, variance = (0.25 + 2 x 439 x (1/3 - 1/4)) / 440^2.
        Assert.Equal(0.019474, RiskMetrics.AucStandardError(0.5, 440, 440), 6);
        Assert.Equal(0.021328, RiskMetrics.AucStandardError(0.9, 100, 300), 6);
    }

    [Fact]
    public void Accuracy_brier_mae_and_rmse_match_hand_worked_figures()
    {
        double[] p = [0.9, 0.2, 0.6];
        bool[] late = [true, false, false];

        Assert.Equal(2.0 / 3, RiskMetrics.Accuracy(p, late), 10);
        Assert.Equal((0.01 + 0.04 + 0.36) / 3, RiskMetrics.Brier(p, late), 10);
        Assert.Equal(7.0 / 3, RiskMetrics.Mae([10, 0, 5], [12, 0, 0]), 10); // errors 2, 0 and 5 days
        Assert.Equal(Math.Sqrt((4 + 0 + 25) / 3.0), RiskMetrics.Rmse([10, 0, 5], [12, 0, 0]), 10);
    }

    [Fact]
    public void Calibration_table_groups_predictions_into_tenths_and_reports_what_happened()
    {
        var bins = RiskMetrics.Calibration([0.05, 0.08, 0.95, 1.0], [false, true, true, true], 10);

        Assert.Equal(2, bins.Count);
        Assert.Equal((0.0, 2, 0.065, 0.5), (bins[0].From, bins[0].Count, Math.Round(bins[0].MeanPredicted, 3), bins[0].ObservedRate));
        Assert.Equal((0.9, 2, 1.0), (Math.Round(bins[1].From, 1), bins[1].Count, bins[1].ObservedRate));
    }

    [Fact]
    public void Heuristic_uses_the_customers_mean_delay_else_the_tenants()
    {
        var baseline = HeuristicBaseline.FromTraining([0, 0, 10, 30], graceDays: 5); // mean 10, half late
        var values = new float[RiskFeatureVector.Count];
        values[(int)RiskFeature.HistoryCount] = 8;
        values[(int)RiskFeature.ShareLate] = 0.75f;
        values[(int)RiskFeature.MeanDaysLate] = 21;
        var known = new RiskFeatureVector(Guid.Empty, default, values, "EUR", "", "", "");
        var unknown = known with { Values = new float[RiskFeatureVector.Count] };

        Assert.Equal(new RiskPrediction(0.5, 10), baseline.Predict(unknown));
        Assert.Equal(21, baseline.Predict(known).ExpectedDaysLate);
        Assert.Equal((6 + (2 * 0.5)) / (8 + 2), baseline.Predict(known).ProbabilityLate, 10); // 6 of 8 late, shrunk by 2 at 50%
    }
}
