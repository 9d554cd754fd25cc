using ArCollect.Domain.Risk;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// Trains the "paid late" classifier and the days-late regressor on the oldest 80% of settled invoices, judges them
/// and the heuristic on the newest 20%, and says whether the models earn their place.
/// </summary>
public static class RiskTrainer
{
    /// <summary>Below this many settled invoices a tenant is predicted by the heuristic alone.</summary>
    public const int MinimumSettledInvoices = 500;

    /// <summary>
    /// The least the model's AUC must exceed the heuristic's by. On small holdouts the margin is wider: two standard
    /// errors of the model's AUC, so that noise (as on shuffled targets) never replaces a working predictor.
    /// </summary>
    public const double AucMargin = 0.01;

    /// <summary>
    /// Fitting uses at most this many of the newest rows: beyond it the boosted trees gain little, the nightly job
    /// for a million-invoice tenant stays within minutes, and recent behaviour matters most anyway.
    /// </summary>
    public const int MaxFitRows = 250_000;

    private static readonly string[] Categories = ["Currency", "Segment", "Region", "Channel"];

    public static RiskTrainingResult Train(IReadOnlyList<RiskExample> examples, int graceDays, int seed = 1)
    {
        var (training, holdout) = RiskDataset.Split(examples);
        var baseline = HeuristicBaseline.FromTraining(training.Select(e => e.DaysLate).ToArray(), graceDays);
        var heuristic = Evaluate(holdout, holdout.Select(e => baseline.Predict(e.Features)).ToArray(), graceDays);
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
        var trainData = ml.Data.LoadFromEnumerable(Newest(training).Select(e => RiskMlRow.From(e.Features, e.DaysLate, graceDays)));
        var holdoutData = ml.Data.LoadFromEnumerable(holdout.Select(e => RiskMlRow.From(e.Features, e.DaysLate, graceDays)));
        var actualLate = holdout.Select(e => RiskLabels.IsLate(e.DaysLate, graceDays)).ToArray();
        var actualDays = holdout.Select(e => (double)e.DaysLate).ToArray();
        var candidates = new List<CandidateResult>();

        var classifiers = ClassifierCandidates(ml)
            .Select(c => (c.Name, Model: c.Pipeline.Fit(trainData)))
            .Select(c => (c.Name, c.Model, Probabilities: RiskModelSet.Column(c.Model.Transform(holdoutData), "Probability")))
            .Select(c => (c.Name, c.Model, c.Probabilities, Auc: RiskMetrics.Auc(c.Probabilities, actualLate)))
            .ToList();
        var bestClassifier = classifiers.MaxBy(c => c.Auc);

        var regressors = RegressorCandidates(ml)
            .Select(c => (c.Name, c.OnLogScale, Model: c.Pipeline.Fit(trainData)))
            .Select(c => (c.Name, c.OnLogScale, c.Model, Days: RiskModelSet.ToDays(RiskModelSet.Column(c.Model.Transform(holdoutData), "Score"), c.OnLogScale)))
            .Select(c => (c.Name, c.OnLogScale, c.Model, c.Days, Mae: RiskMetrics.Mae(c.Days, actualDays)))
            .ToList();
        var bestRegressor = regressors.MinBy(r => r.Mae);

        candidates.AddRange(classifiers.Select(c => new CandidateResult("late", c.Name, c.Auc, double.NaN, c.Name == bestClassifier.Name)));
        candidates.AddRange(regressors.Select(r => new CandidateResult("days late", r.Name, double.NaN, r.Mae, r.Name == bestRegressor.Name)));
        var predictions = bestClassifier.Probabilities.Zip(bestRegressor.Days, (p, d) => new RiskPrediction(p, d)).ToArray();
        var model = Evaluate(holdout, predictions, graceDays);
        var lateCount = actualLate.Count(l => l);
        var margin = Math.Max(AucMargin, 2 * RiskMetrics.AucStandardError(model.Auc, lateCount, actualLate.Length - lateCount));
        var beats = Beats(model, heuristic, margin);
        report = report with
        {
            Model = model,
            ClassifierAlgorithm = bestClassifier.Name,
            RegressorAlgorithm = bestRegressor.Name,
            RegressorOnLogScale = bestRegressor.OnLogScale,
            Candidates = candidates,
            ModelBeatsHeuristic = beats,
            Outcome = beats
                ? $"Model kept: AUC {model.Auc:F3} vs {heuristic.Auc:F3}, MAE {model.MaeDays:F1} vs {heuristic.MaeDays:F1} days."
                : $"Model not kept: it did not beat the heuristic on the holdout (AUC {model.Auc:F3} vs {heuristic.Auc:F3}, needs +{margin:F3}; MAE {model.MaeDays:F1} vs {heuristic.MaeDays:F1} days).",
        };

        if (!beats)
        {
            return new RiskTrainingResult(report, null, null);
        }

        // A kept model is refitted with the holdout included (newest MaxFitRows), so tomorrow's scores learn from the
        // most recent payments too.
        var allData = ml.Data.LoadFromEnumerable(Newest(RiskDataset.Split(examples, 0).Training).Select(e => RiskMlRow.From(e.Features, e.DaysLate, graceDays)));
        var classifier = ClassifierCandidates(ml).Single(c => c.Name == bestClassifier.Name).Pipeline.Fit(allData);
        var regressor = RegressorCandidates(ml).Single(c => c.Name == bestRegressor.Name).Pipeline.Fit(allData);
        return new RiskTrainingResult(report, RiskModelSet.Save(ml, classifier, allData.Schema), RiskModelSet.Save(ml, regressor, allData.Schema));
    }

    /// <summary>The model earns its place only if it ranks late payers clearly better and misses pay dates by fewer days.</summary>
    public static bool Beats(RiskMetricSet model, RiskMetricSet heuristic, double aucMargin) =>
        model.Auc >= heuristic.Auc + aucMargin && model.MaeDays < heuristic.MaeDays;

    private static IEnumerable<RiskExample> Newest(List<RiskExample> ordered) => ordered.Skip(Math.Max(0, ordered.Count - MaxFitRows));

    private static RiskMetricSet Evaluate(List<RiskExample> holdout, IReadOnlyList<RiskPrediction> predictions, int graceDays) =>
        RiskMetricSet.Compute(predictions, holdout.Select(e => e.DaysLate).ToArray(), graceDays);

    private static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding(Categories.Select(c => new InputOutputColumnPair(c + "Code", c)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", ["Numeric", .. Categories.Select(c => c + "Code")]));

    private static IEnumerable<(string Name, IEstimator<ITransformer> Pipeline)> ClassifierCandidates(MLContext ml)
    {
        yield return ("FastTree", Featurize(ml).Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = "Late",
            NumberOfTrees = 100,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.15,
        })));
        yield return ("Logistic regression", Featurize(ml)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Late", l2Regularization: 1f)));
    }

    private static IEnumerable<(string Name, bool OnLogScale, IEstimator<ITransformer> Pipeline)> RegressorCandidates(MLContext ml)
    {
        var trees = new FastTreeRegressionTrainer.Options { NumberOfTrees = 100, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 20, LearningRate = 0.1 };
        yield return ("FastTree (log days)", true, Featurize(ml).Append(ml.Regression.Trainers.FastTree(Options(trees, "LogDaysLate"))));
        yield return ("FastTree (days)", false, Featurize(ml).Append(ml.Regression.Trainers.FastTree(Options(trees, "DaysLate"))));
        yield return ("SDCA linear (days)", false, Featurize(ml)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Regression.Trainers.Sdca("DaysLate", l2Regularization: 0.1f)));
    }

    private static FastTreeRegressionTrainer.Options Options(FastTreeRegressionTrainer.Options template, string label) => new()
    {
        LabelColumnName = label,
        NumberOfTrees = template.NumberOfTrees,
        NumberOfLeaves = template.NumberOfLeaves,
        MinimumExampleCountPerLeaf = template.MinimumExampleCountPerLeaf,
        LearningRate = template.LearningRate,
    };
}
