using ArCollect.Domain.Risk;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// How one candidate algorithm did when choosing: its mean AUC or MAE over the rolling-origin folds inside the
/// training period (never on the holdout); the model page lists them so the choice is visible.
/// </summary>
public sealed record CandidateResult(string Task, string Algorithm, double Auc, double MaeDays, bool Chosen);

/// <summary>Everything a training run learned about itself: stored as the run's metrics JSON and printed by <c>ml evaluate</c>.</summary>
public sealed record RiskRunReport
{
    public required int GraceDays { get; init; }
    public required int TrainingRows { get; init; }
    public required int HoldoutRows { get; init; }
    public required HeuristicBaseline Baseline { get; init; }
    public required RiskMetricSet Heuristic { get; init; }

    /// <summary>Holdout metrics of the model's two heads (calibrated probabilities, predicted days), whether kept or not.</summary>
    public RiskMetricSet? Model { get; init; }

    public string? ClassifierAlgorithm { get; init; }
    public string? RegressorAlgorithm { get; init; }

    /// <summary>True when the regressor predicts log(1 + days late), so scoring must take exp(score) - 1.</summary>
    public bool RegressorOnLogScale { get; init; }

    /// <summary>Rolling-origin folds the candidates were compared on.</summary>
    public int SelectionFolds { get; init; }

    public IReadOnlyList<CandidateResult> Candidates { get; init; } = [];

    /// <summary>Model minus heuristic on the same holdout invoices, with paired-bootstrap intervals.</summary>
    public PairedComparison? Comparison { get; init; }

    /// <summary>The "paid late" probabilities come from the model (else from the heuristic).</summary>
    public bool ClassifierKept { get; init; }

    /// <summary>The expected days late, hence payment dates, come from the model (else from the heuristic).</summary>
    public bool RegressorKept { get; init; }

    /// <summary>Platt scaling of the stored classifier's probabilities; null for models stored before calibration.</summary>
    public PlattScaling? Calibration { get; init; }

    /// <summary>
    /// The tenant figures the stored model's heuristic features were computed with; null for models stored before
    /// the model saw the heuristic's estimates.
    /// </summary>
    public HeuristicBaseline? FeatureBaseline { get; init; }

    public required IReadOnlyList<FeatureStat> FeatureStats { get; init; }

    /// <summary>At least one head of the model is kept.</summary>
    public required bool ModelBeatsHeuristic { get; init; }

    public required string Outcome { get; init; }
}

/// <summary>A run's report and the saved bytes of each kept head.</summary>
public sealed record RiskTrainingResult(RiskRunReport Report, byte[]? Classifier, byte[]? Regressor);
