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

    private readonly float cueWeight;

    private ReplyModel(PredictionEngine<ReplyModelInput, ReplyModelOutput> intent, PredictionEngine<ReplyModelInput, ReplyModelOutput> tone, int trainedOn, float cueWeight)
    {
        intentEngine = intent;
        toneEngine = tone;
        TrainedOn = trainedOn;
        this.cueWeight = cueWeight;
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
        var inputs = rows.Select(r => Input(ReplyText.Strip(r.Text), options.CueWeight)).ToList();
        var intent = Fit(ml, inputs.Select((x, i) => new ReplyModelInput { Text = x.Text, Cues = x.Cues, Label = rows[i].Intent }).ToList(), options, text: true);
        var tone = Fit(ml, inputs.Select((x, i) => new ReplyModelInput { Text = x.Text, Cues = x.Cues, Label = rows[i].Tone }).ToList(), options, text: !options.ToneCuesOnly);
        return new ReplyModel(
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(intent),
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(tone),
            rows.Count,
            options.CueWeight);
    }

    public ReplyPrediction Predict(string rawText) => PredictStripped(ReplyText.Strip(rawText));

    /// <summary>Predicts on text already stripped of quotes and signature.</summary>
    public ReplyPrediction PredictStripped(string strippedText) => PredictPrepared(Input(strippedText, cueWeight));

    private static ReplyModelInput Input(string stripped, float cueWeight) =>
        new() { Text = Normalise(stripped), Cues = [.. ReplyCues.Of(stripped).Select(c => c * cueWeight)], Label = "" };

    private ReplyPrediction PredictPrepared(ReplyModelInput input)
    {
        lock (gate)
        {
            var intent = intentEngine.Predict(input);
            var tone = toneEngine.Predict(input);
            return new ReplyPrediction(intent.PredictedLabel, Max(intent.Score), tone.PredictedLabel, Max(tone.Score));
        }
    }

    private static float Max(float[]? scores) => scores is { Length: > 0 } ? scores.Max() : 0f;

    /// <summary>What both classifiers read as text: the stripped reply, lower-cased, each digit as 0 so number formats do not matter.</summary>
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

    private static ITransformer Fit(MLContext ml, List<ReplyModelInput> rows, ReplyModelOptions choice, bool text)
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
        var label = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(ReplyModelInput.Label));
        var features = text
            ? label.Append(ml.Transforms.Text.FeaturizeText("TextFeatures", options, nameof(ReplyModelInput.Text)))
                .Append(ml.Transforms.Concatenate("Features", choice.Cues ? new[] { "TextFeatures", nameof(ReplyModelInput.Cues) } : new[] { "TextFeatures" }))
            : label.Append(ml.Transforms.Concatenate("Features", nameof(ReplyModelInput.Cues)));
        var pipeline = (choice.Lbfgs
                ? features.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "Features"))
                : features.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features", maximumNumberOfIterations: 25)))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(ReplyModelOutput.PredictedLabel), "PredictedLabel"));
        return pipeline.Fit(data);
    }
}

/// <summary>
/// How the classifiers are built: L-BFGS or SDCA maximum entropy, the character n-grams next to the word 1-2-grams
/// (0 = none), and whether the cue features (<see cref="ReplyCues"/>) are added. The default is chosen by
/// cross-validation on the training set only (`bench/ArCollect.Bench.Replies -- cv`, see docs/replies.md).
/// </summary>
public sealed record ReplyModelOptions(bool Lbfgs = true, int CharNgrams = 3, bool AllCharLengths = false, bool Cues = false, float CueWeight = 1f, bool ToneCuesOnly = false)
{
    /// <summary>
    /// Chosen by pool-disjoint cross-validation on train.csv (docs/replies.md): the cues weighted x3 give intent 0.661
    /// and tone 0.635 macro-F1 there, against 0.523 / 0.303 without cues and 0.673 / 0.476 with them unweighted.
    /// </summary>
    public static readonly ReplyModelOptions Default = new(Cues: true, CueWeight: 3f);

    public override string ToString() =>
        $"{(Lbfgs ? "L-BFGS" : "SDCA")} maximum entropy, word 1-2-grams{(CharNgrams == 0 ? "" : $" + char {(AllCharLengths ? "1-" : "")}{CharNgrams}-grams")}"
        + (Cues ? $" + cues{(CueWeight == 1f ? "" : $" x{CueWeight:0.#}")}" : "") + (ToneCuesOnly ? ", tone from cues only" : "");
}

/// <summary>
/// Dense features beside the n-grams: the keyword baseline's counts per intent and tone (<see cref="KeywordBaseline.Signals"/>),
/// and the shape of the writing: exclamation marks, question marks, words in capitals and length. Each is scaled to 0..1.
/// </summary>
public static class ReplyCues
{
    public const int Count = 11;

    public static float[] Of(string stripped)
    {
        var signals = KeywordBaseline.Signals(stripped);
        var cues = new float[Count];
        for (var i = 0; i < signals.Length && i < Count; i++)
        {
            cues[i] = Math.Min(signals[i], 3f) / 3f;
        }

        var words = stripped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var shouted = words.Count(w => w.Count(char.IsLetter) >= 3 && w.Where(char.IsLetter).All(char.IsUpper));
        cues[signals.Length] = Math.Min(stripped.Count(c => c == '!'), 3) / 3f;
        cues[signals.Length + 1] = Math.Min(stripped.Count(c => c == '?' || c == '¿'), 3) / 3f;
        cues[signals.Length + 2] = Math.Min(shouted, 3) / 3f;
        cues[signals.Length + 3] = Math.Min(MathF.Log(1 + words.Length) / 6f, 1f);
        return cues;
    }
}

/// <summary>ML.NET row of the reply classifiers (public: ML.NET binds it by reflection).</summary>
public sealed class ReplyModelInput
{
    public string Text { get; set; } = "";

    [VectorType(ReplyCues.Count)]
    public float[] Cues { get; set; } = new float[ReplyCues.Count];

    public string Label { get; set; } = "";
}

/// <summary>ML.NET prediction of the reply classifiers.</summary>
public sealed class ReplyModelOutput
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    public float[]? Score { get; set; }
}
