using ArCollect.Domain.Risk;
using Microsoft.ML;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// Trains the "paid late" classifier and the days-late regressor and decides for each head on its own whether it
/// replaces the heuristic. Candidates are compared on rolling-origin folds inside the oldest 80% of settled invoices;
/// the newest 20% (the holdout) is touched once, for the keep decision, by a paired bootstrap against the heuristic.
/// </summary>
public static class RiskTrainer
{
    /// <summary>
    /// Below this many settled invoices a tenant is predicted by the heuristic alone: on the demo generator's learning
    /// curve (docs/prediction.md) no head beats the heuristic clearly with fewer.
    /// </summary>
    public const int MinimumSettledInvoices = 500;

    /// <summary>
    /// Fitting uses at most this many of the newest rows: beyond it the boosted trees gain little, the nightly job
    /// for a million-invoice tenant stays within minutes, and recent behaviour matters most anyway.
    /// </summary>
    public const int MaxFitRows = 250_000;

    /// <summary>Newest share of the fitting rows held back to calibrate the classifier's probabilities (Platt scaling).</summary>
    public const double CalibrationShare = 0.15;

    public static RiskTrainingResult Train(IReadOnlyList<RiskExample> examples, int graceDays, int seed = 1)
    {
        var (training, holdout) = RiskDataset.Split(examples);
        var baseline = HeuristicBaseline.FromTraining(training.Select(e => e.DaysLate).ToArray(), graceDays);
        var heuristicPredictions = holdout.Select(e => baseline.Predict(e.Features)).ToArray();
        var heuristic = Evaluate(holdout, heuristicPredictions, graceDays);
        var stats = RiskReasons.Stats(training.Select(e => e.Features).ToArray(), training.Select(e => RiskLabels.IsLate(e.DaysLate, graceDays)).ToArray());
        var report = new RiskRunReport
        {
            GraceDays = graceDays,
            TrainingRows = training.Count,
            HoldoutRows = holdout.Count,
            Baseline = baseline,
            Heuristic = heuristic,
            FeatureStats = stats,
            ModelBeatsHeuristic = false,
            Outcome = $"Heuristic used: {examples.Count} settled invoices, fewer than the {MinimumSettledInvoices} a model needs.",
        };
        if (examples.Count < MinimumSettledInvoices)
        {
            return new RiskTrainingResult(report, null, null);
        }

        var ml = new MLContext(seed);
        var selection = RiskSelection.Run(ml, RiskDataset.RollingOrigins(training), graceDays);

        // The chosen candidates as fitted on the last fold, calibrated on its validation slice (the newest training
        // rows), are what the holdout judges: it has seen neither of them.
        var holdoutData = Load(ml, holdout, selection.FeatureBaseline, graceDays);
        var probabilities = RiskModelSet.Probabilities(selection.Classifier, holdoutData, selection.Calibration);
        var days = RiskModelSet.Days(selection.Regressor, holdoutData, selection.RegressorOnLogScale);
        var modelPredictions = probabilities.Zip(days, (p, d) => new RiskPrediction(p, d)).ToArray();
        var model = Evaluate(holdout, modelPredictions, graceDays);
        var comparison = PairedBootstrap.Compare(modelPredictions, heuristicPredictions, holdout.Select(e => e.DaysLate).ToArray(), graceDays, seed: seed);
        var classifierKept = comparison.Auc.ClearlyAboveZero;

        // Dates must be clearly closer on MAE and not clearly further on RMSE: on noise a model that predicts near the
        // median beats a customer's mean on MAE alone, while missing the late payers by more.
        var regressorKept = comparison.MaeDays.ClearlyBelowZero && !comparison.RmseDays.ClearlyAboveZero;
        report = report with
        {
            Model = model,
            ClassifierAlgorithm = selection.ClassifierName,
            RegressorAlgorithm = selection.RegressorName,
            RegressorOnLogScale = selection.RegressorOnLogScale,
            SelectionFolds = selection.Folds,
            Candidates = selection.Candidates,
            Comparison = comparison,
            ClassifierKept = classifierKept,
            RegressorKept = regressorKept,
            ModelBeatsHeuristic = classifierKept || regressorKept,
            Outcome = RiskOutcome.Describe(classifierKept, regressorKept, comparison),
        };

        if (!classifierKept && !regressorKept)
        {
            return new RiskTrainingResult(report, null, null);
        }

        // Kept heads are refitted on all settled invoices but the newest CalibrationShare (newest MaxFitRows at most),
        // so tomorrow's scores learn from recent payments too; the newest slice calibrates the refitted classifier.
        var (fit, calibration) = RiskDataset.Split(examples, CalibrationShare);
        var fitBaseline = HeuristicBaseline.FromTraining(fit.Select(e => e.DaysLate).ToArray(), graceDays);
        var fitData = Load(ml, Newest(fit), fitBaseline, graceDays);
        byte[]? classifierBytes = null, regressorBytes = null;
        var platt = PlattScaling.Identity;
        if (classifierKept)
        {
            var classifier = selection.ClassifierPipeline.Fit(fitData);
            var raw = RiskModelSet.Probabilities(classifier, Load(ml, calibration, fitBaseline, graceDays), PlattScaling.Identity);
            platt = PlattScaling.Fit(raw, calibration.Select(e => RiskLabels.IsLate(e.DaysLate, graceDays)).ToArray());
            classifierBytes = RiskModelSet.Save(ml, classifier, fitData.Schema);
        }

        if (regressorKept)
        {
            regressorBytes = RiskModelSet.Save(ml, selection.RegressorPipeline.Fit(fitData), fitData.Schema);
        }

        report = report with { Calibration = platt, FeatureBaseline = fitBaseline };
        return new RiskTrainingResult(report, classifierBytes, regressorBytes);
    }

    internal static IDataView Load(MLContext ml, IEnumerable<RiskExample> examples, HeuristicBaseline baseline, int graceDays) =>
        ml.Data.LoadFromEnumerable(examples.Select(e => RiskMlRow.From(e.Features, baseline, e.DaysLate, graceDays)));

    internal static IEnumerable<RiskExample> Newest(List<RiskExample> ordered) => ordered.Skip(Math.Max(0, ordered.Count - MaxFitRows));

    private static RiskMetricSet Evaluate(List<RiskExample> holdout, IReadOnlyList<RiskPrediction> predictions, int graceDays) =>
        RiskMetricSet.Compute(predictions, holdout.Select(e => e.DaysLate).ToArray(), graceDays);
}
