using ArCollect.Domain.Risk;

namespace ArCollect.Infrastructure.Risk;

/// <summary>How one candidate algorithm did on the holdout; the model page lists them so the choice is visible.</summary>
public sealed record CandidateResult(string Task, string Algorithm, double Auc, double MaeDays, bool Chosen);

/// <summary>Everything a training run learned about itself: stored as the run's metrics JSON and printed by <c>ml evaluate</c>.</summary>
public sealed record RiskRunReport
{
    public required int GraceDays { get; init; }
    public required int TrainingRows { get; init; }
    public required int HoldoutRows { get; init; }
    public required HeuristicBaseline Baseline { get; init; }
    public required RiskMetricSet Heuristic { get; init; }
    public RiskMetricSet? Model { get; init; }
    public string? ClassifierAlgorithm { get; init; }
    public string? RegressorAlgorithm { get; init; }

    /// <summary>True when the regressor predicts log(1 + days late), so scoring must take exp(score) - 1.</summary>
    public bool RegressorOnLogScale { get; init; }

    public IReadOnlyList<CandidateResult> Candidates { get; init; } = [];
    public required IReadOnlyList<FeatureStat> FeatureStats { get; init; }
    public required bool ModelBeatsHeuristic { get; init; }
    public required string Outcome { get; init; }
}

/// <summary>A run's report and, when the models beat the heuristic, their saved bytes.</summary>
public sealed record RiskTrainingResult(RiskRunReport Report, byte[]? Classifier, byte[]? Regressor);
