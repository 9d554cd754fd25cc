using ArCollect.Domain.Risk;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// A run's kept heads, loaded, scoring many invoices at once: one <c>Transform</c> over an <see cref="IDataView"/>
/// per batch, never one prediction engine call per row. A head the run did not keep is answered by the heuristic.
/// </summary>
public sealed class RiskModelSet
{
    private readonly MLContext ml = new(seed: 1);
    private readonly ITransformer? classifier;
    private readonly ITransformer? regressor;
    private readonly RiskRunReport report;

    public RiskModelSet(byte[]? classifierBytes, byte[]? regressorBytes, RiskRunReport report)
    {
        classifier = classifierBytes is null ? null : Load(classifierBytes);
        regressor = regressorBytes is null ? null : Load(regressorBytes);
        Outdated = (classifierBytes is not null && classifier is null) || (regressorBytes is not null && regressor is null);
        this.report = report;
    }

    /// <summary>
    /// A stored head was trained on fewer features than the builder now makes (a model from before a feature was
    /// added): the heuristic answers for it until the next training, rather than scoring failing.
    /// </summary>
    public bool Outdated { get; }

    public IReadOnlyList<RiskPrediction> Predict(IReadOnlyList<RiskFeatureVector> features)
    {
        var heuristic = features.Select(report.Baseline.Predict).ToArray();
        var data = ml.Data.LoadFromEnumerable(features.Select(f => RiskMlRow.From(f, report.FeatureBaseline)));
        var probabilities = classifier is null
            ? heuristic.Select(h => h.ProbabilityLate).ToArray()
            : Probabilities(classifier, data, report.Calibration ?? PlattScaling.Identity);
        var days = regressor is null ? heuristic.Select(h => h.ExpectedDaysLate).ToArray() : Days(regressor, data, report.RegressorOnLogScale);
        var predictions = new RiskPrediction[features.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            predictions[i] = new RiskPrediction(probabilities[i], days[i]);
        }

        return predictions;
    }

    internal static double[] Probabilities(ITransformer model, IDataView data, PlattScaling calibration) =>
        Column(model.Transform(data), "Probability").Select(calibration.Apply).ToArray();

    /// <summary>Days late are never negative; a log-scale prediction is turned back into days.</summary>
    internal static double[] Days(ITransformer model, IDataView data, bool onLogScale) =>
        Column(model.Transform(data), "Score").Select(s => Math.Max(0, onLogScale ? Math.Exp(s) - 1 : s)).ToArray();

    internal static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    private static double[] Column(IDataView data, string column) =>
        data.GetColumn<float>(column).Select(v => float.IsFinite(v) ? (double)v : 0).ToArray();

    private ITransformer? Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var model = ml.Model.Load(stream, out var schema);
        return schema.GetColumnOrNull(nameof(RiskMlRow.Numeric)) is { Type: VectorDataViewType { Size: RiskMlRow.NumericCount } } ? model : null;
    }
}
