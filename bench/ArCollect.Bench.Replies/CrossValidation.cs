using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ArCollect.Infrastructure.Replies;

/// <summary>
/// Model selection on train.csv alone, by pool-disjoint two-fold cross-validation: each phrase-pool sentence (the
/// templates column) is put in one half at random; a message whose sentences all fall in one half belongs to it, a
/// message mixing halves is left out. Training on one half and scoring on the other mimics the held-out split, where
/// no sentence is shared, instead of rewarding a model for recognising sentences it has already seen.
/// </summary>
internal static class CrossValidation
{
    public static readonly ReplyModelOptions[] Candidates =
    [
        new(),
        new(Cues: true),
        new(Cues: true, CueWeight: 3f),
        new(CharNgrams: 4, AllCharLengths: true, Cues: true),
        new(Lbfgs: false, Cues: true),
        new(Cues: true, CueWeight: 3f, Lexicon: true),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, MaxIterations: 60),
        new(Cues: true, CueWeight: 5f, Lexicon: true, Fold: true, Tolerance: 1e-4f),
        new(CharNgrams: 4, Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f),
        new(Cues: true, CueWeight: 5f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f),
        new(Cues: true, CueWeight: 5f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 6f),
        new(CharNgrams: 0, Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, ToneMinorityWeight: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, ToneMinorityWeight: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f, NeutralPrior: 1.5f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f, NeutralPrior: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f, NeutralPrior: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 4f, ToneMinorityWeight: 2f, NeutralPrior: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L2: 0.2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L2: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L2: 10f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0.2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0.2f, L2: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 5f, ToneMinorityWeight: 2f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0.05f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 2f, ToneMinorityWeight: 2f, L1: 0f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 5f, ToneMinorityWeight: 2f, L1: 0f),
        new(CharNgrams: 4, Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f),
        new(Cues: true, CueWeight: 1f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 1.5f, L1: 0f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.03f),
        new(Cues: true, CueWeight: 2f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.3f),
        new(Cues: true, CueWeight: 1f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 5f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.3f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 3f, L1: 0f, L2: 0.3f),
        new(Cues: true, CueWeight: 2f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 5f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f, TfIdf: true),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f, WordNgrams: 1),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f, WordNgrams: 3),
        new(CharNgrams: 5, AllCharLengths: true, Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.03f, TfIdf: true),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.1f, TfIdf: true, WordNgrams: 1),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.03f, TfIdf: true, WordNgrams: 1),
        new(Cues: true, CueWeight: 3f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 2f, L1: 0f, L2: 0.3f, TfIdf: true),
        new(Cues: true, CueWeight: 2f, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, ToneMinorityWeight: 3f, L1: 0f, L2: 0.1f, TfIdf: true),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 3f, ToneMinorityWeight: 2f, L2: 0.01f),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 2f, ToneMinorityWeight: 3f, L2: 0.03f),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 3f, ToneMinorityWeight: 3f, L2: 0.03f),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 2f, ToneMinorityWeight: 2f, L2: 0.03f),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 2f, ToneMinorityWeight: 3f, L2: 0.03f, ToneBySentence: true),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 2f, ToneMinorityWeight: 2f, L2: 0.03f, ToneBySentence: true),
        new(Cues: true, Lexicon: true, Fold: true, Tolerance: 1e-4f, WholeWeight: 3f, L1: 0f, TfIdf: true, WordNgrams: 1, CueWeight: 2f, ToneMinorityWeight: 1f, L2: 0.03f, ToneBySentence: true),
    ];

    /// <param name="only">Indexes into <see cref="Candidates"/> to try (all when empty).</param>
    public static void Run(IReadOnlyList<LabelledReply> train, int repeats, IReadOnlyList<int> only)
    {
        var candidates = only.Count == 0 ? Candidates : [.. only.Select(i => Candidates[i])];
        var totals = candidates.ToDictionary(c => c, _ => (Intent: 0.0, Tone: 0.0, Seconds: 0.0, Runs: 0, WholeIntent: 0.0, WholeTone: 0.0));
        var baseline = (Intent: 0.0, Tone: 0.0, Runs: 0, WholeIntent: 0.0, WholeTone: 0.0);
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            var (a, b) = Split(train, repeat);
            Console.WriteLine($"repeat {repeat}: halves of {a.Count} and {b.Count} messages ({train.Count - a.Count - b.Count} mixing halves left out)");
            foreach (var (fit, judge) in new[] { (a, b), (b, a) })
            {
                foreach (var candidate in candidates)
                {
                    var watch = Stopwatch.StartNew();
                    var model = ReplyModel.Train(fit, candidate);
                    var seconds = watch.Elapsed.TotalSeconds;
                    var scores = ReplyEvaluator.Evaluate(model, judge);
                    var whole = ReplyEvaluator.Evaluate(model, [.. judge.Where(ReplyModel.IsWholeMessage)]);
                    var t = totals[candidate];
                    totals[candidate] = (t.Intent + scores.ModelIntent.MacroF1, t.Tone + scores.ModelTone.MacroF1, t.Seconds + seconds, t.Runs + 1,
                        t.WholeIntent + whole.ModelIntent.MacroF1, t.WholeTone + whole.ModelTone.MacroF1);
                    if (candidate == candidates[0])
                    {
                        baseline = (baseline.Intent + scores.BaselineIntent.MacroF1, baseline.Tone + scores.BaselineTone.MacroF1, baseline.Runs + 1,
                            baseline.WholeIntent + whole.BaselineIntent.MacroF1, baseline.WholeTone + whole.BaselineTone.MacroF1);
                    }

                    Console.WriteLine($"  {candidate}: intent {scores.ModelIntent.MacroF1:0.000}, tone {scores.ModelTone.MacroF1:0.000}; whole messages ({whole.Examples}) intent {whole.ModelIntent.MacroF1:0.000}, tone {whole.ModelTone.MacroF1:0.000} ({seconds:0.0} s)");
                }
            }
        }

        Console.WriteLine("mean over folds (macro-F1 intent / tone on the whole judged half; on its whole-message rows; training seconds on a half):");
        Console.WriteLine($"  keyword baseline: {baseline.Intent / baseline.Runs:0.000} / {baseline.Tone / baseline.Runs:0.000}; whole messages {baseline.WholeIntent / baseline.Runs:0.000} / {baseline.WholeTone / baseline.Runs:0.000}");
        foreach (var (candidate, t) in totals)
        {
            Console.WriteLine($"  {candidate}: {t.Intent / t.Runs:0.000} / {t.Tone / t.Runs:0.000}; whole messages {t.WholeIntent / t.Runs:0.000} / {t.WholeTone / t.Runs:0.000} ({t.Seconds / t.Runs:0.0} s)");
        }
    }

    private static (List<LabelledReply> A, List<LabelledReply> B) Split(IReadOnlyList<LabelledReply> rows, int seed)
    {
        bool InA(string template) => SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{template}"))[0] % 2 == 0;
        var a = new List<LabelledReply>();
        var b = new List<LabelledReply>();
        foreach (var row in rows)
        {
            var halves = row.Templates.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(InA).Distinct().ToList();
            if (halves.Count == 1)
            {
                (halves[0] ? a : b).Add(row);
            }
        }

        return (a, b);
    }
}
