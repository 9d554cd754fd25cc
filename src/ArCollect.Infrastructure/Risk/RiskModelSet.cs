using ArCollect.Domain.Risk;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArCollect.Infrastructure.Risk;

/// <summary>
/// A loaded classifier and regressor that score many invoices at once: one <c>Transform</c> over an
/// <see cref="IDataView"/> per batch, never one prediction engine call per row.
/// </summary>
public sealed class RiskModelSet
{
    private readonly MLContext ml = new(seed: 1);
    private readonly ITransformer classifier;
    private readonly ITransformer regressor;
    private readonly bool regressorOnLogScale;

    public RiskModelSet(byte[] classifierBytes, byte[] regressorBytes, bool regressorOnLogScale)
    {
        classifier = Load(classifierBytes);
        regressor = Load(regressorBytes);
        this.regressorOnLogScale = regressorOnLogScale;
    }

    public IReadOnlyList<RiskPrediction> Predict(IReadOnlyList<RiskFeatureVector> features)
    {
        var data = ml.Data.LoadFromEnumerable(features.Select(f => RiskMlRow.From(f)));
        var probabilities = Column(classifier.Transform(data), "Probability");
        var days = ToDays(Column(regressor.Transform(data), "Score"), regressorOnLogScale);
        var predictions = new RiskPrediction[features.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            predictions[i] = new RiskPrediction(probabilities[i], days[i]);
        }

        return predictions;
    }

    internal static double[] Column(IDataView data, string column) =>
        data.GetColumn<float>(column).Select(v => float.IsFinite(v) ? (double)v : 0).ToArray();

    /// <summary>Days late are never negative; a log-scale prediction is turned back into days.</summary>
    internal static double[] ToDays(double[] scores, bool onLogScale) =>
        scores.Select(s => Math.Max(0, onLogScale ? Math.Exp(s) - 1 : s)).ToArray();

    internal static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }

    private ITransformer Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ml.Model.Load(stream, out _);
    }
}
