using ArCollect.Domain.Risk;
using Microsoft.ML.Data;

namespace ArCollect.Infrastructure.Risk;

/// <summary>One feature vector as ML.NET sees it; built only from <see cref="RiskFeatureVector"/>, so training and scoring match.</summary>
public sealed class RiskMlRow
{
    public const int NumericCount = 22;
    public const int HeuristicCount = 2;

    [VectorType(NumericCount)]
    public float[] Numeric { get; set; } = [];

    /// <summary>
    /// The heuristic's own estimates for this invoice (probability late, expected days late), so a model starts from
    /// what the heuristic knows and can only add to it. Models stored before these existed ignore the column.
    /// </summary>
    [VectorType(HeuristicCount)]
    public float[] Heuristic { get; set; } = [];

    public string Currency { get; set; } = "";
    public string Segment { get; set; } = "";
    public string Region { get; set; } = "";
    public string Channel { get; set; } = "";
    public bool Late { get; set; }
    public float DaysLate { get; set; }

    /// <summary>log(1 + days late): trees fitted on this scale predict nearer the median, which suits zero-inflated delays.</summary>
    public float LogDaysLate { get; set; }

    public static RiskMlRow From(RiskFeatureVector features, HeuristicBaseline? baseline, int? daysLate = null, int graceDays = 0)
    {
        if (features.Values.Length != NumericCount)
        {
            throw new InvalidOperationException($"RiskMlRow expects {NumericCount} numeric features, the builder made {features.Values.Length}.");
        }

        var days = daysLate ?? 0;
        var heuristic = baseline?.Predict(features) ?? default;
        return new RiskMlRow
        {
            Numeric = features.Values,
            Heuristic = [(float)heuristic.ProbabilityLate, (float)heuristic.ExpectedDaysLate],
            Currency = features.Currency,
            Segment = features.Segment,
            Region = features.Region,
            Channel = features.Channel,
            Late = RiskLabels.IsLate(days, graceDays),
            DaysLate = days,
            LogDaysLate = (float)Math.Log(1 + days),
        };
    }
}

/// <summary>The columns read back after both models transformed a batch.</summary>
public sealed class RiskMlOutput
{
    public float Probability { get; set; }
}

public sealed class RiskMlRegressionOutput
{
    public float Score { get; set; }
}
