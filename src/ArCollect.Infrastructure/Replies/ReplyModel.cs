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
/// Two ML.NET text classifiers (intent, tone) over word and character n-grams of the stripped, lower-cased reply with
/// diacritics and digits folded, plus cue and lexicon counts, each a maximum-entropy model (<see cref="ReplyModelOptions"/>);
/// the tone model also reads each sentence. Thread-safe: predictions share one engine per classifier under a lock (a
/// prediction takes well under a millisecond).
/// </summary>
public sealed class ReplyModel
{
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> intentEngine;
    private readonly PredictionEngine<ReplyModelInput, ReplyModelOutput> toneEngine;
    private readonly Lock gate = new();

    private readonly ReplyModelOptions options;
    private readonly string[] toneLabels;

    private ReplyModel(PredictionEngine<ReplyModelInput, ReplyModelOutput> intent, PredictionEngine<ReplyModelInput, ReplyModelOutput> tone, int trainedOn, ReplyModelOptions options)
    {
        intentEngine = intent;
        toneEngine = tone;
        TrainedOn = trainedOn;
        this.options = options;
        toneLabels = SlotNames(tone);
    }

    /// <summary>The labels in the order of the Score vector (the trainer's key values).</summary>
    private static string[] SlotNames(PredictionEngine<ReplyModelInput, ReplyModelOutput> engine)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema[nameof(ReplyModelOutput.Score)].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
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
    /// A training row written as a whole message (holdout-2.csv and holdout-3.csv once they joined training, the fourth
    /// round), not composed from sentence pools: its templates column names the source ("holdout2:en:17", "round4:de:3").
    /// </summary>
    public static bool IsWholeMessage(LabelledReply row) =>
        row.Templates.StartsWith("holdout2:", StringComparison.Ordinal) || row.Templates.StartsWith("holdout3:", StringComparison.Ordinal)
        || row.Templates.StartsWith("round4:", StringComparison.Ordinal);

    public ReplyPrediction Predict(string rawText) => PredictStripped(ReplyText.Strip(rawText));

    /// <summary>Predicts on text already stripped of quotes and signature.</summary>
    public ReplyPrediction PredictStripped(string strippedText) =>
        PredictPrepared(Input(strippedText, options), options.ToneBySentence ? Sentences(strippedText) : null);

    /// <summary>The sentences of a reply long enough to carry a tone of their own (15 characters or more).</summary>
    private static List<string> Sentences(string stripped) =>
        [.. stripped.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length >= 15)];

    private static ReplyModelInput Input(string stripped, ReplyModelOptions options) =>
        new() { Text = Normalise(stripped, options.Fold), Cues = [.. ReplyCues.Of(stripped, options.Lexicon).Select(c => c * options.CueWeight)], Label = "" };

    private ReplyPrediction PredictPrepared(ReplyModelInput input, List<string>? sentences = null)
    {
        lock (gate)
        {
            var intent = intentEngine.Predict(input);
            var tone = toneEngine.Predict(input);
            var scores = tone.Score;
            if (options.ToneBySentence && scores is { Length: > 0 } && sentences is { Count: > 1 })
            {
                scores = [.. scores];
                foreach (var sentence in sentences)
                {
                    var part = toneEngine.Predict(Input(sentence, options)).Score;
                    for (var i = 0; part is not null && i < scores.Length; i++)
                    {
                        if (toneLabels[i] != ReplyLabels.Neutral)
                        {
                            scores[i] = Math.Max(scores[i], part[i]);
                        }
                    }
                }
            }

            var (toneLabel, toneConfidence) = options.NeutralPrior == 1f && !options.ToneBySentence ? (tone.PredictedLabel, Max(tone.Score)) : Reweighted(scores);
            return new ReplyPrediction(intent.PredictedLabel, Max(intent.Score), toneLabel, toneConfidence);
        }
    }

    private static float Max(float[]? scores) => scores is { Length: > 0 } ? scores.Max() : 0f;

    /// <summary>
    /// The tone whose probability is highest once neutral's is multiplied by <see cref="ReplyModelOptions.NeutralPrior"/>
    /// (Bayes' rule for a deployment where neutral replies are that much more common than in the training corpus),
    /// with its renormalised probability.
    /// </summary>
    private (string Label, float Confidence) Reweighted(float[]? scores)
    {
        if (scores is not { Length: > 0 } || scores.Length != toneLabels.Length)
        {
            return (ReplyLabels.Neutral, 0f);
        }

        var adjusted = scores.Select((p, i) => toneLabels[i] == ReplyLabels.Neutral ? p * options.NeutralPrior : p).ToArray();
        var total = adjusted.Sum();
        var best = Array.IndexOf(adjusted, adjusted.Max());
        return (toneLabels[best], total > 0 ? adjusted[best] / total : 0f);
    }

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

    private static NgramExtractingEstimator.WeightingCriteria Weighting(ReplyModelOptions choice) =>
        choice.TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;

    private static ITransformer Fit(MLContext ml, List<ReplyModelInput> rows, ReplyModelOptions choice, bool text)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = !choice.Fold,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = choice.WordNgrams, UseAllLengths = true, Weighting = Weighting(choice) },
            CharFeatureExtractor = choice.CharNgrams == 0 ? null : new WordBagEstimator.Options { NgramLength = choice.CharNgrams, UseAllLengths = choice.AllCharLengths, Weighting = Weighting(choice) },
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
            L1Regularization = choice.L1,
            L2Regularization = choice.L2,
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
/// How the classifiers are built: L-BFGS or SDCA maximum entropy and its penalties, the word and character n-grams (0 =
/// no character n-grams) and their weighting, the cue features (<see cref="ReplyCues"/>), training weights, and how tone
/// is decided. The default is chosen by
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
    float ToneMinorityWeight = 1f,
    float NeutralPrior = 1f,
    float L1 = 1f,
    float L2 = 1f,
    int WordNgrams = 2,
    bool TfIdf = false,
    bool ToneBySentence = false)
{
    /// <summary>
    /// Chosen by pool-disjoint cross-validation on train.csv (6,448 messages, docs/replies.md), by the mean of intent and
    /// tone macro-F1 on the judged halves and on their whole-message rows: word 1-grams and character 3-grams weighted
    /// TF-IDF, cues and lexicons x2, diacritics folded, L-BFGS with no L1 penalty and a light L2 (0.03) stopping at
    /// tolerance 1e-4, whole messages x3, frustrated and angry rows x3 for the tone model, and tone read on each sentence
    /// too (a reply is as frustrated or angry as its most frustrated or angry sentence). 0.822 / 0.771 (whole messages
    /// 0.741 / 0.729) against 0.719 / 0.695 (0.627 / 0.611) for the previous default on the same folds.
    /// </summary>
    public static readonly ReplyModelOptions Default = new(
        Cues: true, CueWeight: 2f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 3f,
        L1: 0f, L2: 0.03f, WordNgrams: 1, TfIdf: true, ToneBySentence: true);

    public override string ToString() =>
        $"{(Lbfgs ? "L-BFGS" : "SDCA")} maximum entropy, word {(WordNgrams == 1 ? "1" : $"1-{WordNgrams}")}-grams{(TfIdf ? " TF-IDF" : "")}{(CharNgrams == 0 ? "" : $" + char {(AllCharLengths ? "1-" : "")}{CharNgrams}-grams")}"
        + (Cues ? $" + cues{(Lexicon ? " and lexicons" : "")}{(CueWeight == 1f ? "" : $" x{CueWeight:0.#}")}" : "") + (ToneCuesOnly ? ", tone from cues only" : "")
        + (Fold ? ", diacritics folded" : "") + (Lbfgs && Tolerance != 1e-7f ? $", tolerance {Tolerance:0e0}" : "")
        + (Lbfgs && MaxIterations != int.MaxValue ? $", at most {MaxIterations} iterations" : "")
        + (WholeWeight != 1f ? $", whole messages x{WholeWeight:0.#}" : "")
        + (ToneMinorityWeight != 1f ? $", frustrated and angry x{ToneMinorityWeight:0.#} for tone" : "")
        + (NeutralPrior != 1f ? $", neutral prior x{NeutralPrior:0.0#}" : "") + (ToneBySentence ? ", tone also by sentence" : "")
        + (Lbfgs && (L1 != 1f || L2 != 1f) ? $", L1 {L1:0.###} L2 {L2:0.###}" : "");
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
