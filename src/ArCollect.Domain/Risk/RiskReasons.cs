using System.Globalization;

namespace ArCollect.Domain.Risk;

/// <summary>Training-set statistics of one feature: mean, standard deviation and its correlation with being late.</summary>
public sealed record FeatureStat(string Name, double Mean, double StdDev, double Weight);

/// <summary>
/// Reasons in plain words. Contributions are a documented approximation, cheap enough for every open invoice
/// nightly: each feature's standardised distance from the training mean times its correlation with paying late
/// (a one-feature-at-a-time linear view of the model). The three largest contributions, by size, are phrased
/// from the invoice's actual feature values.
/// </summary>
public static class RiskReasons
{
    /// <summary>Features that say nothing a collector can act on or understand, so never given as reasons.</summary>
    private static readonly HashSet<RiskFeature> Silent = [RiskFeature.IssueWeekday, RiskFeature.IssueMonth, RiskFeature.AmountLog];

    public static IReadOnlyList<FeatureStat> Stats(IReadOnlyList<RiskFeatureVector> training, IReadOnlyList<bool> late)
    {
        var stats = new List<FeatureStat>();
        var y = late.Select(l => l ? 1.0 : 0.0).ToArray();
        var yMean = y.Length == 0 ? 0 : y.Average();
        var ySd = StdDev(y, yMean);
        for (var f = 0; f < RiskFeatureVector.Count; f++)
        {
            var x = training.Select(v => (double)v.Values[f]).ToArray();
            var mean = x.Length == 0 ? 0 : x.Average();
            var sd = StdDev(x, mean);
            double covariance = 0;
            for (var i = 0; i < x.Length; i++)
            {
                covariance += (x[i] - mean) * (y[i] - yMean);
            }

            var weight = sd == 0 || ySd == 0 ? 0 : covariance / x.Length / (sd * ySd);
            stats.Add(new FeatureStat(RiskFeatureVector.Names[f], mean, sd, weight));
        }

        return stats;
    }

    /// <summary>The top <paramref name="count"/> reasons for <paramref name="features"/>, strongest first, without repeats.</summary>
    public static IReadOnlyList<string> Explain(RiskFeatureVector features, IReadOnlyList<FeatureStat> stats, int count = 3)
    {
        var ranked = Enumerable.Range(0, RiskFeatureVector.Count)
            .Where(f => !Silent.Contains((RiskFeature)f) && f < stats.Count && stats[f].StdDev > 0)
            .Select(f => (Feature: (RiskFeature)f, Contribution: stats[f].Weight * (features.Values[f] - stats[f].Mean) / stats[f].StdDev))
            .OrderByDescending(c => Math.Abs(c.Contribution))
            .ThenBy(c => c.Feature);
        var reasons = new List<string>();
        foreach (var (feature, _) in ranked)
        {
            var text = Phrase(feature, features);
            if (!reasons.Contains(text))
            {
                reasons.Add(text);
            }

            if (reasons.Count == count)
            {
                break;
            }
        }

        return reasons;
    }

    /// <summary>A plain-words statement of what one feature says about this invoice.</summary>
    public static string Phrase(RiskFeature feature, RiskFeatureVector v)
    {
        var n = (int)v[RiskFeature.HistoryCount];
        if (n == 0 && feature is RiskFeature.HistoryCount or RiskFeature.MeanDaysLate or RiskFeature.MedianDaysLate or RiskFeature.ShareLate
                or RiskFeature.ShareLate30 or RiskFeature.LastFiveMeanDaysLate or RiskFeature.LastFiveTrend or RiskFeature.SameDueMonthMeanDaysLate
                or RiskFeature.DaysSinceLastPayment)
        {
            return "no paid invoices yet, so the company-wide average applies";
        }

        return feature switch
        {
            RiskFeature.HistoryCount or RiskFeature.ShareLate or RiskFeature.MeanDaysLate =>
                $"paid {Round(v[RiskFeature.ShareLate] * n)} of {Plural(n, "earlier invoice")} late, {Days(v[RiskFeature.MeanDaysLate])} on average",
            RiskFeature.MedianDaysLate => v[RiskFeature.MedianDaysLate] == 0
                ? "usually pays on time"
                : $"usually pays {Days(v[RiskFeature.MedianDaysLate])} late",
            RiskFeature.ShareLate30 => $"paid {Round(v[RiskFeature.ShareLate30] * n)} of {Plural(n, "earlier invoice")} more than 30 days late",
            RiskFeature.LastFiveMeanDaysLate or RiskFeature.LastFiveTrend =>
                $"the last {Plural(Math.Min(n, 5), "payment")} averaged {Days(v[RiskFeature.LastFiveMeanDaysLate])} late, against {Days(v[RiskFeature.MeanDaysLate])} overall",
            RiskFeature.SameDueMonthMeanDaysLate =>
                $"invoices due in {MonthName(v[RiskFeature.DueMonth])} were paid {Days(v[RiskFeature.SameDueMonthMeanDaysLate])} late on average",
            RiskFeature.DaysSinceLastPayment => $"last payment was {Plural(Round(v[RiskFeature.DaysSinceLastPayment]), "day")} ago",
            RiskFeature.AmountVsCustomerMedian => AmountPhrase(v[RiskFeature.AmountVsCustomerMedian]),
            RiskFeature.TermsDays => $"payment terms of {Plural(Round(v[RiskFeature.TermsDays]), "day")}",
            RiskFeature.DueMonth => $"due in {MonthName(v[RiskFeature.DueMonth])}",
            RiskFeature.CustomerTenureDays => $"customer for {Plural(Round(v[RiskFeature.CustomerTenureDays] / 30.44), "month")}",
            RiskFeature.OpenCount or RiskFeature.OpenAmountLog => $"{Plural(Round(v[RiskFeature.OpenCount]), "other invoice")} still open",
            RiskFeature.OpenOverdueCount => v[RiskFeature.OpenOverdueCount] == 0
                ? "no other invoice is overdue"
                : $"{Plural(Round(v[RiskFeature.OpenOverdueCount]), "other invoice")} already overdue",
            RiskFeature.DisputesLast12Months => v[RiskFeature.DisputesLast12Months] == 0
                ? "no disputes in the last 12 months"
                : $"{Plural(Round(v[RiskFeature.DisputesLast12Months]), "dispute")} in the last 12 months",
            RiskFeature.PromisesKeptLast12Months or RiskFeature.PromisesBrokenLast12Months => PromisePhrase(
                Round(v[RiskFeature.PromisesKeptLast12Months]), Round(v[RiskFeature.PromisesBrokenLast12Months])),
            _ => $"{RiskFeatureVector.Names[(int)feature]} is {v[feature].ToString("0.##", CultureInfo.InvariantCulture)}",
        };
    }

    private static string PromisePhrase(int kept, int broken) => (kept, broken) switch
    {
        (0, 0) => "no promise to pay came due in the last 12 months",
        (1, 0) => "kept its promise to pay in the last 12 months",
        (2, 0) => "kept both promises to pay in the last 12 months",
        (_, 0) => $"kept all {kept} promises to pay in the last 12 months",
        _ => $"broke {broken} of {Plural(kept + broken, "promise")} to pay in the last 12 months",
    };

    private static string AmountPhrase(float ratio) => ratio switch
    {
        >= 1.5f => $"amount is {ratio.ToString(ratio >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture)}x this customer's usual",
        <= 0.67f => $"amount is {(ratio * 100).ToString("0", CultureInfo.InvariantCulture)}% of this customer's usual",
        _ => "amount is close to this customer's usual",
    };

    private static string Days(float days) => Plural(Round(days), "day");

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string MonthName(float month) =>
        CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Math.Clamp((int)month, 1, 12));

    private static double StdDev(double[] x, double mean) => x.Length == 0 ? 0 : Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
}
