namespace ArCollect.Domain.Risk;

/// <summary>A prediction for one invoice: probability of paying late and expected days late.</summary>
public readonly record struct RiskPrediction(double ProbabilityLate, double ExpectedDaysLate);

/// <summary>
/// The baseline every model must beat, and the predictor for tenants with too little history: the customer's
/// historical mean delay, else the tenant's. The probability is the customer's share paid late, shrunk towards the
/// tenant's share by two pseudo-invoices so that a customer with one on-time invoice is not "certainly on time".
/// </summary>
public sealed record HeuristicBaseline(double TenantMeanDaysLate, double TenantShareLate)
{
    private const double PriorWeight = 2;

    /// <summary>The tenant-wide figures from the invoices a model is trained on.</summary>
    public static HeuristicBaseline FromTraining(IReadOnlyCollection<int> daysLate, int graceDays) => daysLate.Count == 0
        ? new HeuristicBaseline(0, 0)
        : new HeuristicBaseline(daysLate.Average(), daysLate.Count(d => RiskLabels.IsLate(d, graceDays)) / (double)daysLate.Count);

    public RiskPrediction Predict(RiskFeatureVector features)
    {
        var count = features[RiskFeature.HistoryCount];
        if (count == 0)
        {
            return new RiskPrediction(TenantShareLate, TenantMeanDaysLate);
        }

        var lateCount = features[RiskFeature.ShareLate] * count;
        var probability = (lateCount + (PriorWeight * TenantShareLate)) / (count + PriorWeight);
        return new RiskPrediction(probability, features[RiskFeature.MeanDaysLate]);
    }
}
