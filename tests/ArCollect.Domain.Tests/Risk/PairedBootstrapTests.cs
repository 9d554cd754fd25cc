using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void Weighted_auc_counts_each_invoice_as_often_as_it_was_drawn()
    {
        // Late 0.8 and 0.4, on time 0.4 and 0.1. Drawing the tied on-time invoice twice: pairs (0.8 over 2x0.4) 2,
        // (0.8 over 0.1) 1, (0.4 tied with 2x0.4) 1, (0.4 over 0.1) 1 = 5 of 2 x 3 = 6.
        double[] scores = [0.8, 0.4, 0.4, 0.1];
        bool[] late = [true, true, false, false];
        int[] order = [3, 1, 2, 0];

        Assert.Equal(0.875, PairedBootstrap.WeightedAuc(scores, order, late, [1, 1, 1, 1]), 10);
        Assert.Equal(5.0 / 6.0, PairedBootstrap.WeightedAuc(scores, order, late, [1, 1, 2, 1]), 10);
    }

    [Fact]
    public void A_predictor_that_misses_every_date_by_two_days_less_is_clearly_better_with_the_exact_difference()
    {
        // Outcomes 0..19 days late; the heuristic always says 10, the model is 2 days closer on every invoice (or exact).
        var days = Enumerable.Range(0, 200).Select(i => i % 20).ToArray();
        var heuristic = days.Select(_ => new RiskPrediction(0.5, 10)).ToArray();
        var model = days.Select(d => new RiskPrediction(0.5, d + (Math.Sign(10 - d) * Math.Max(0, Math.Abs(10 - d) - 2)))).ToArray();

        var comparison = PairedBootstrap.Compare(model, heuristic, days, graceDays: 5);

        var expected = days.Average(d => Math.Abs(d - 10) - Math.Max(0, Math.Abs(d - 10) - 2));
        Assert.Equal(-expected, comparison.MaeDays.Difference, 10);
        Assert.True(comparison.MaeDays.ClearlyBelowZero, $"{comparison.MaeDays}");
        Assert.Equal(0, comparison.Auc.Difference, 10);
        Assert.False(comparison.Auc.ClearlyAboveZero);
    }

    [Fact]
    public void Two_predictors_that_rank_equally_well_by_chance_get_an_interval_around_zero()
    {
        var random = new Random(3);
        var days = Enumerable.Range(0, 600).Select(_ => random.Next(0, 2) * 10).ToArray();
        var a = days.Select(_ => new RiskPrediction(random.NextDouble(), 5)).ToArray();
        var b = days.Select(_ => new RiskPrediction(random.NextDouble(), 5)).ToArray();

        var comparison = PairedBootstrap.Compare(a, b, days, graceDays: 5);

        Assert.True(comparison.Auc.Lower < 0 && comparison.Auc.Upper > 0, $"{comparison.Auc}");
        Assert.InRange(comparison.Auc.Difference, comparison.Auc.Lower, comparison.Auc.Upper);
    }
}
