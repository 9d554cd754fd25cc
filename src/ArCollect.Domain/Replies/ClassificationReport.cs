namespace ArCollect.Domain.Replies;

/// <summary>One labelled example and what a classifier said about it.</summary>
public sealed record LabelledPrediction(string Language, string Actual, string Predicted);

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelScore(string Label, int Support, double Precision, double Recall, double F1);

/// <summary>
/// Per-label F1, macro-F1 (the plain mean of the labels' F1, so rare labels count as much as common ones), accuracy and
/// the confusion matrix (rows actual, columns predicted) of one classifier on one set of examples.
/// </summary>
public sealed record ClassificationScores(IReadOnlyList<string> Labels, IReadOnlyList<LabelScore> PerLabel, double MacroF1, double Accuracy, int[,] Confusion, int Count)
{
    public static ClassificationScores Compute(IReadOnlyList<string> labels, IReadOnlyList<LabelledPrediction> predictions)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = new int[labels.Count, labels.Count];
        foreach (var p in predictions)
        {
            if (index.TryGetValue(p.Actual, out var a) && index.TryGetValue(p.Predicted, out var b))
            {
                confusion[a, b]++;
            }
        }

        var perLabel = new List<LabelScore>();
        for (var i = 0; i < labels.Count; i++)
        {
            var tp = confusion[i, i];
            var actual = Enumerable.Range(0, labels.Count).Sum(j => confusion[i, j]);
            var predicted = Enumerable.Range(0, labels.Count).Sum(j => confusion[j, i]);
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = actual == 0 ? 0 : (double)tp / actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perLabel.Add(new LabelScore(labels[i], actual, precision, recall, f1));
        }

        // Labels absent from the examples (support 0, never predicted) would drag the mean to nothing: leave them out.
        var scored = perLabel.Where(s => s.Support > 0 || s.Precision > 0 || Enumerable.Range(0, labels.Count).Sum(j => confusion[j, index[s.Label]]) > 0).ToList();
        var macro = scored.Count == 0 ? 0 : scored.Average(s => s.F1);
        var correct = Enumerable.Range(0, labels.Count).Sum(i => confusion[i, i]);
        var total = predictions.Count;
        return new ClassificationScores(labels, perLabel, macro, total == 0 ? 0 : (double)correct / total, confusion, total);
    }
}

/// <summary>Model and baseline on the same examples, overall and per language, for intent and for tone.</summary>
public sealed record ReplyEvaluation(
    int Examples,
    ClassificationScores ModelIntent,
    ClassificationScores BaselineIntent,
    ClassificationScores ModelTone,
    ClassificationScores BaselineTone,
    IReadOnlyList<LanguageEvaluation> PerLanguage)
{
    public const double IntentTarget = 0.85;
    public const double ToneTarget = 0.80;

    public bool MeetsTargets => ModelIntent.MacroF1 >= IntentTarget && ModelTone.MacroF1 >= ToneTarget
        && PerLanguage.All(l => l.ModelIntent > l.BaselineIntent && l.ModelTone > l.BaselineTone);

    public static ReplyEvaluation Compute(IReadOnlyList<(string Language, string Intent, string Tone, string ModelIntent, string ModelTone, string BaseIntent, string BaseTone)> rows)
    {
        ClassificationScores Scores(IReadOnlyList<string> labels, IEnumerable<LabelledPrediction> p) => ClassificationScores.Compute(labels, p.ToList());
        var languages = rows.Select(r => r.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var perLanguage = languages.Select(lang =>
        {
            var subset = rows.Where(r => r.Language == lang).ToList();
            return new LanguageEvaluation(lang, subset.Count,
                Scores(ReplyLabels.Intents, subset.Select(r => new LabelledPrediction(lang, r.Intent, r.ModelIntent))).MacroF1,
                Scores(ReplyLabels.Intents, subset.Select(r => new LabelledPrediction(lang, r.Intent, r.BaseIntent))).MacroF1,
                Scores(ReplyLabels.Tones, subset.Select(r => new LabelledPrediction(lang, r.Tone, r.ModelTone))).MacroF1,
                Scores(ReplyLabels.Tones, subset.Select(r => new LabelledPrediction(lang, r.Tone, r.BaseTone))).MacroF1);
        }).ToList();
        return new ReplyEvaluation(rows.Count,
            Scores(ReplyLabels.Intents, rows.Select(r => new LabelledPrediction(r.Language, r.Intent, r.ModelIntent))),
            Scores(ReplyLabels.Intents, rows.Select(r => new LabelledPrediction(r.Language, r.Intent, r.BaseIntent))),
            Scores(ReplyLabels.Tones, rows.Select(r => new LabelledPrediction(r.Language, r.Tone, r.ModelTone))),
            Scores(ReplyLabels.Tones, rows.Select(r => new LabelledPrediction(r.Language, r.Tone, r.BaseTone))),
            perLanguage);
    }
}

public sealed record LanguageEvaluation(string Language, int Examples, double ModelIntent, double BaselineIntent, double ModelTone, double BaselineTone);
