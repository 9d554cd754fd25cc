using System.Text;
using ArCollect.Domain.Replies;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ArCollect.Infrastructure.Replies;

/// <summary>The classifier's verdict on one reply, with the winning class's probability.</summary>
public sealed record ReplyPrediction(string Intent, float IntentConfidence, string Tone, float ToneConfidence);

/// <summary>
/// Two ML.NET text classifiers (intent, tone) over word 1-2-grams and character n-grams of the stripped, lower-cased
/// reply with digits folded to 0, each a maximum-entropy model (<see cref="ReplyModelOptions"/>). Thread-safe: predictions share one engine per
/// classifier under a lock (a prediction takes well under a millisecond).
/// </summary>
public sealed class ReplyModel
{
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> intentEngine;
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> toneEngine;
    private readonly Lock gate = new();

    private ReplyModel(PredictionEngine<ReplyModelInput, ReplyModelOutput> intent, PredictionEngine<ReplyModelInput, ReplyModelOutput> tone, int trainedOn)
    {
        intentEngine = intent;
        toneEngine = tone;
        TrainedOn = trainedOn;
    }

    public int TrainedOn { get; }

    public static ReplyModel Train(IReadOnlyList<LabelledReply> rows, ReplyModelOptions? options = null, int seed = 1)
    {
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("The reply classifier needs at least one labelled example.");
        }

        options ??= ReplyModelOptions.Default;
        var ml = new MLContext(seed);
        var texts = rows.Select(r => Prepare(r.Text)).ToList();
        var intent = Fit(ml, texts.Select((t, i) => new ReplyModelInput { Text = t, Label = rows[i].Intent }).ToList(), options);
        var tone = Fit(ml, texts.Select((t, i) => new ReplyModelInput { Text = t, Label = rows[i].Tone }).ToList(), options);
        return new ReplyModel(
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(intent),
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(tone),
            rows.Count);
    }

    public ReplyPrediction Predict(string rawText) => PredictPrepared(Prepare(rawText));

    /// <summary>Predicts on text already stripped of quotes and signature.</summary>
    public ReplyPrediction PredictStripped(string strippedText) => PredictPrepared(Normalise(strippedText));

    private ReplyPrediction PredictPrepared(string text)
    {
        var input = new ReplyModelInput { Text = text, Label = "" };
        lock (gate)
        {
            var intent = intentEngine.Predict(input);
            var tone = toneEngine.Predict(input);
            return new ReplyPrediction(intent.PredictedLabel, Max(intent.Score), tone.PredictedLabel, Max(tone.Score));
        }
    }

    private static float Max(float[]? scores) => scores is { Length: > 0 } ? scores.Max() : 0f;

    /// <summary>What both classifiers see: the stripped reply, lower-cased, each digit as 0 so number formats do not matter.</summary>
    public static string Prepare(string rawText) => Normalise(ReplyText.Strip(rawText));

    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsDigit(c) ? '0' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static ITransformer Fit(MLContext ml, List<ReplyModelInput> rows, ReplyModelOptions choice)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = choice.CharNgrams == 0 ? null : new WordBagEstimator.Options { NgramLength = choice.CharNgrams, UseAllLengths = choice.AllCharLengths },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var features = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(ReplyModelInput.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", options, nameof(ReplyModelInput.Text)));
        var pipeline = (choice.Lbfgs
                ? features.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "Features"))
                : features.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features", maximumNumberOfIterations: 25)))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(ReplyModelOutput.PredictedLabel), "PredictedLabel"));
        return pipeline.Fit(data);
    }
}

/// <summary>
/// How the classifiers are built: L-BFGS or SDCA maximum entropy, and the character n-grams next to the word 1-2-grams
/// (0 = none). The default was chosen by the held-out score among the variants the bench compares (see docs/replies.md).
/// </summary>
public sealed record ReplyModelOptions(bool Lbfgs = true, int CharNgrams = 3, bool AllCharLengths = false)
{
    public static readonly ReplyModelOptions Default = new();

    public override string ToString() => $"{(Lbfgs ? "L-BFGS" : "SDCA")} maximum entropy, word 1-2-grams{(CharNgrams == 0 ? "" : $" + char {(AllCharLengths ? "1-" : "")}{CharNgrams}-grams")}";
}

/// <summary>ML.NET row of the reply classifiers (public: ML.NET binds it by reflection).</summary>
public sealed class ReplyModelInput
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>ML.NET prediction of the reply classifiers.</summary>
public sealed class ReplyModelOutput
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    public float[]? Score { get; set; }
}
