using ArCollect.Domain.Risk;
using Microsoft.ML;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// Chooses each head's algorithm by its mean score over rolling-origin folds inside the training period, and keeps
/// the chosen candidates as fitted on the last fold with the classifier calibrated on that fold's validation slice.
/// </summary>
public sealed record RiskSelection(
    int Folds,
    IReadOnlyList<CandidateResult> Candidates,
    string ClassifierName,
    IEstimator<ITransformer> ClassifierPipeline,
    ITransformer Classifier,
    PlattScaling Calibration,
    string RegressorName,
    bool RegressorOnLogScale,
    IEstimator<ITransformer> RegressorPipeline,
    ITransformer Regressor,
    HeuristicBaseline FeatureBaseline)
{
    public static RiskSelection Run(MLContext ml, IReadOnlyList<(List<RiskExample> Fit, List<RiskExample> Validate)> folds, int graceDays)
    {
        if (folds.Count == 0)
        {
            throw new ArgumentException("Choosing an algorithm needs at least one rolling-origin fold.", nameof(folds));
        }

        var rows = folds[^1].Fit.Count;
        var classifiers = RiskCandidates.Classifiers(ml, rows);
        var regressors = RiskCandidates.Regressors(ml, rows);
        var auc = new double[classifiers.Count];
        var mae = new double[regressors.Count];
        var lastClassifiers = new (ITransformer Model, double[] Raw)[classifiers.Count];
        var lastRegressors = new ITransformer[regressors.Count];
        HeuristicBaseline lastBaseline = new(0, 0);
        bool[] lastLate = [];
        foreach (var (fit, validate) in folds)
        {
            var baseline = HeuristicBaseline.FromTraining(fit.Select(e => e.DaysLate).ToArray(), graceDays);
            var fitData = RiskTrainer.Load(ml, RiskTrainer.Newest(fit), baseline, graceDays);
            var validateData = RiskTrainer.Load(ml, validate, baseline, graceDays);
            var late = validate.Select(e => RiskLabels.IsLate(e.DaysLate, graceDays)).ToArray();
            var actual = validate.Select(e => (double)e.DaysLate).ToArray();
            for (var c = 0; c < classifiers.Count; c++)
            {
                var model = classifiers[c].Pipeline.Fit(fitData);
                var raw = RiskModelSet.Probabilities(model, validateData, PlattScaling.Identity);
                auc[c] += RiskMetrics.Auc(raw, late) / folds.Count;
                lastClassifiers[c] = (model, raw);
            }

            for (var r = 0; r < regressors.Count; r++)
            {
                var model = regressors[r].Pipeline.Fit(fitData);
                mae[r] += RiskMetrics.Mae(RiskModelSet.Days(model, validateData, regressors[r].OnLogScale), actual) / folds.Count;
                lastRegressors[r] = model;
            }

            (lastBaseline, lastLate) = (baseline, late);
        }

        var bestClassifier = Enumerable.Range(0, classifiers.Count).MaxBy(c => auc[c]);
        var bestRegressor = Enumerable.Range(0, regressors.Count).MinBy(r => mae[r]);
        var candidates = classifiers.Select((c, k) => new CandidateResult("late", c.Name, auc[k], double.NaN, k == bestClassifier))
            .Concat(regressors.Select((r, k) => new CandidateResult("days late", r.Name, double.NaN, mae[k], k == bestRegressor)))
            .ToList();
        var regressor = regressors[bestRegressor];
        return new RiskSelection(
            folds.Count,
            candidates,
            classifiers[bestClassifier].Name,
            classifiers[bestClassifier].Pipeline,
            lastClassifiers[bestClassifier].Model,
            PlattScaling.Fit(lastClassifiers[bestClassifier].Raw, lastLate),
            regressor.Name,
            regressor.OnLogScale,
            regressor.Pipeline,
            lastRegressors[bestRegressor],
            lastBaseline);
    }
}
