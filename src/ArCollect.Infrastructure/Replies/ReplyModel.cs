using System.Text;
using ArCollect.Domain.Replies;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace ArCollect.Infrastructure.Replies;

/// <summary>The classifier's verdict on one reply, with the winning class's probability.</summary>
public sealed record ReplyPrediction(string Intent, float IntentConfidence, string Tone, float ToneConfidence);

/// <summary>
/// Two ML.NET text classifiers (intent, tone) over word 1-2-grams and character n-grams of the stripped, lower-cased
/// reply with diacritics and digits folded, plus cue and lexicon counts, each a maximum-entropy model (<see cref="ReplyModelOptions"/>). Thread-safe: predictions share one engine per
/// classifier under a lock (a prediction takes well under a millisecond).
/// </summary>
public sealed class ReplyModel
{
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> intentEngine;
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> toneEngine;
    private readonly Lock gate = new();

    private readonly ReplyModelOptions options;

    private ReplyModel(PredictionEngine<ReplyModelInput, ReplyModelOutput> intent, PredictionEngine<ReplyModelInput, ReplyModelOutput> tone, int trainedOn, ReplyModelOptions options)
    {
        intentEngine = intent;
        toneEngine = tone;
        TrainedOn = trainedOn;
        this.options = options;
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
        var inputs = rows.Select(r => Input(ReplyText.Strip(r.Text), options)).ToList();
        var weights = rows.Select(r => IsWholeMessage(r) ? options.WholeWeight : 1f).ToList();
        var intent = Fit(ml, inputs.Select((x, i) => new ReplyModelInput { Text = x.Text, Cues = x.Cues, Label = rows[i].Intent, Weight = weights[i] }).ToList(), options, text: true);
        var tone = Fit(ml, inputs.Select((x, i) => new ReplyModelInput
        {
            Text = x.Text,
            Cues = x.Cues,
            Label = rows[i].Tone,
            Weight = weights[i] * (rows[i].Tone == ReplyLabels.Neutral ? 1f : options.ToneMinorityWeight),
        }).ToList(), options, text: !options.ToneCuesOnly);
        return new ReplyModel(
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(intent),
            ml.Model.CreatePredictionEngine<ReplyModelInput, ReplyModelOutput>(tone),
            rows.Count,
            options);
    }

    /// <summary>
    /// A training row written as a whole message (holdout-2.csv once it joined training, the fourth round), not composed
    /// from sentence pools: its templates column names the source ("holdout2:en:17", "round4:de:3").
    /// </summary>
    public static bool IsWholeMessage(LabelledReply row) =>
        row.Templates.StartsWith("holdout2:", StringComparison.Ordinal) || row.Templates.StartsWith("round4:", StringComparison.Ordinal);

    public ReplyPrediction Predict(string rawText) => PredictStripped(ReplyText.Strip(rawText));

    /// <summary>Predicts on text already stripped of quotes and signature.</summary>
    public ReplyPrediction PredictStripped(string strippedText) => PredictPrepared(Input(strippedText, options));

    private static ReplyModelInput Input(string stripped, ReplyModelOptions options) =>
        new() { Text = Normalise(stripped, options.Fold), Cues = [.. ReplyCues.Of(stripped, options.Lexicon).Select(c => c * options.CueWeight)], Label = "" };

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

    /// <summary>
    /// What both classifiers of the default model read as text: the stripped reply, lower-cased with diacritics folded
    /// (accent-less typing reads as the accented word), each digit as 0 so number formats do not matter.
    /// </summary>
    public static string Prepare(string rawText) => Normalise(ReplyText.Strip(rawText), ReplyModelOptions.Default.Fold);

    private static string Normalise(string text, bool fold)
    {
        if (fold)
        {
            text = ReplyLexicon.Fold(text);
        }

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
            KeepDiacritics = !choice.Fold,
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
        var lbfgs = new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            FeatureColumnName = "Features",
            ExampleWeightColumnName = nameof(ReplyModelInput.Weight),
            OptimizationTolerance = choice.Tolerance,
            MaximumNumberOfIterations = choice.MaxIterations,
        };
        var pipeline = (choice.Lbfgs
                ? features.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(lbfgs))
                : features.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features", nameof(ReplyModelInput.Weight), maximumNumberOfIterations: 25)))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(ReplyModelOutput.PredictedLabel), "PredictedLabel"));
        return pipeline.Fit(data);
    }
}

/// <summary>
/// How the classifiers are built: L-BFGS or SDCA maximum entropy, the character n-grams next to the word 1-2-grams
/// (0 = none), and whether the cue features (<see cref="ReplyCues"/>) are added. The default is chosen by
/// cross-validation on the training set only (`bench/ArCollect.Bench.Replies -- cv`, see docs/replies.md).
/// </summary>
public sealed record ReplyModelOptions(
    bool Lbfgs = true,
    int CharNgrams = 3,
    bool AllCharLengths = false,
    bool Cues = false,
    float CueWeight = 1f,
    bool ToneCuesOnly = false,
    bool Lexicon = false,
    bool Fold = false,
    float Tolerance = 1e-7f,
    int MaxIterations = int.MaxValue,
    float WholeWeight = 1f,
    float ToneMinorityWeight = 1f)
{
    /// <summary>
    /// Chosen by pool-disjoint cross-validation on train.csv (6,048 messages, docs/replies.md), by the mean of intent and
    /// tone macro-F1 on the judged halves and on their whole-message rows: cues and lexicons x3, diacritics folded,
    /// L-BFGS stopping at tolerance 1e-4 instead of 1e-7 (same scores, a third of the time), whole messages weighted x2
    /// and frustrated and angry rows x2 for the tone model. 0.726 / 0.697 (whole messages 0.678 / 0.622) against
    /// 0.695 / 0.646 (0.594 / 0.481) for the previous default, cues x3 alone.
    /// </summary>
    public static readonly ReplyModelOptions Default = new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f);

    public override string ToString() =>
        $"{(Lbfgs ? "L-BFGS" : "SDCA")} maximum entropy, word 1-2-grams{(CharNgrams == 0 ? "" : $" + char {(AllCharLengths ? "1-" : "")}{CharNgrams}-grams")}"
        + (Cues ? $" + cues{(Lexicon ? " and lexicons" : "")}{(CueWeight == 1f ? "" : $" x{CueWeight:0.#}")}" : "") + (ToneCuesOnly ? ", tone from cues only" : "")
        + (Fold ? ", diacritics folded" : "") + (Lbfgs && Tolerance != 1e-7f ? $", tolerance {Tolerance:0e0}" : "")
        + (Lbfgs && MaxIterations != int.MaxValue ? $", at most {MaxIterations} iterations" : "")
        + (WholeWeight != 1f ? $", whole messages x{WholeWeight:0.#}" : "")
        + (ToneMinorityWeight != 1f ? $", frustrated and angry x{ToneMinorityWeight:0.#} for tone" : "");
}

/// <summary>
/// Dense features beside the n-grams: the keyword baseline's counts per intent and tone (<see cref="KeywordBaseline.Signals"/>),
/// and the shape of the writing: exclamation marks, question marks, words in capitals and length. Each is scaled to 0..1.
/// </summary>
public static class ReplyCues
{
    /// <summary>The baseline's 7 signals, 4 shape cues and the 4 lexicon counts (<see cref="ReplyLexicon"/>).</summary>
    public const int Count = 15;

    public static float[] Of(string stripped, bool lexicon = true)
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
        if (lexicon)
        {
            var counts = ReplyLexicon.Counts(stripped);
            for (var i = 0; i < counts.Length; i++)
            {
                cues[signals.Length + 4 + i] = Math.Min(counts[i], 3f) / 3f;
            }
        }

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

    /// <summary>Training weight of the row (1 at prediction).</summary>
    public float Weight { get; set; } = 1f;
}

/// <summary>ML.NET prediction of the reply classifiers.</summary>
public sealed class ReplyModelOutput
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    public float[]? Score { get; set; }
}
