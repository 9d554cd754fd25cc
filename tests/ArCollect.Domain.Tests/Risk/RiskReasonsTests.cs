using ArCollect.Domain.Risk;

namespace ArCollect.Domain.Tests.Risk;

public sealed class RiskReasonsTests
{
    private static RiskFeatureVector Vector(params (RiskFeature Feature, float Value)[] values)
    {
        var v = new float[RiskFeatureVector.Count];
        foreach (var (feature, value) in values)
        {
            v[(int)feature] = value;
        }

        return new RiskFeatureVector(Guid.Empty, new DateOnly(2026, 3, 1), v, "EUR", "Retail", "DACH", "(none)");
    }

    [Fact]
    public void Phrases_state_the_customers_history_in_plain_words()
    {
        var v = Vector(
            (RiskFeature.HistoryCount, 10), (RiskFeature.ShareLate, 0.8f), (RiskFeature.MeanDaysLate, 19.2f),
            (RiskFeature.AmountVsCustomerMedian, 6f), (RiskFeature.OpenOverdueCount, 3), (RiskFeature.DisputesLast12Months, 1),
            (RiskFeature.DueMonth, 12), (RiskFeature.SameDueMonthMeanDaysLate, 31));

        Assert.Equal("paid 8 of 10 earlier invoices late, 19 days on average", RiskReasons.Phrase(RiskFeature.ShareLate, v));
        Assert.Equal("amount is 6x this customer's usual", RiskReasons.Phrase(RiskFeature.AmountVsCustomerMedian, v));
        Assert.Equal("3 other invoices already overdue", RiskReasons.Phrase(RiskFeature.OpenOverdueCount, v));
        Assert.Equal("1 dispute in the last 12 months", RiskReasons.Phrase(RiskFeature.DisputesLast12Months, v));
        Assert.Equal("invoices due in December were paid 31 days late on average", RiskReasons.Phrase(RiskFeature.SameDueMonthMeanDaysLate, v));
        Assert.Equal("no paid invoices yet, so the company-wide average applies", RiskReasons.Phrase(RiskFeature.MeanDaysLate, Vector()));
    }

    [Fact]
    public void Top_three_reasons_are_the_largest_standardised_contributions_without_repeats()
    {
        // Share late and mean delay both point to the same sentence; it must appear once.
        var stats = Enumerable.Range(0, RiskFeatureVector.Count)
            .Select(f => new FeatureStat(RiskFeatureVector.Names[f], Mean: 0, StdDev: 1, Weight: 0.01))
            .ToArray();
        stats[(int)RiskFeature.ShareLate] = stats[(int)RiskFeature.ShareLate] with { Mean = 0.2, StdDev = 0.2, Weight = 0.6 };      // (0.8-0.2)/0.2*0.6 = 1.8
        stats[(int)RiskFeature.MeanDaysLate] = stats[(int)RiskFeature.MeanDaysLate] with { Mean = 5, StdDev = 10, Weight = 0.5 };  // (19-5)/10*0.5 = 0.7
        stats[(int)RiskFeature.OpenOverdueCount] = stats[(int)RiskFeature.OpenOverdueCount] with { Mean = 0.5, StdDev = 1, Weight = 0.4 }; // 1.0
        stats[(int)RiskFeature.AmountVsCustomerMedian] = stats[(int)RiskFeature.AmountVsCustomerMedian] with { Mean = 1, StdDev = 1, Weight = 0.1 }; // 0.5
        var v = Vector(
            (RiskFeature.HistoryCount, 10), (RiskFeature.ShareLate, 0.8f), (RiskFeature.MeanDaysLate, 19f),
            (RiskFeature.OpenOverdueCount, 3), (RiskFeature.AmountVsCustomerMedian, 6f));

        var reasons = RiskReasons.Explain(v, stats);

        Assert.Equal(
            ["paid 8 of 10 earlier invoices late, 19 days on average", "3 other invoices already overdue", "amount is 6x this customer's usual"],
            reasons);
    }
}
