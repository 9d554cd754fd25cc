using ArCollect.Domain.Replies;

namespace ArCollect.Infrastructure.Replies;

/// <summary>Scores the model and the keyword baseline on the same labelled replies.</summary>
public static class ReplyEvaluator
{
    public static ReplyEvaluation Evaluate(ReplyModel model, IReadOnlyList<LabelledReply> rows)
    {
        var results = rows.Select(r =>
        {
            var stripped = ReplyText.Strip(r.Text);
            var predicted = model.PredictStripped(stripped);
            var baseline = KeywordBaseline.Classify(stripped);
            return (r.Language, r.Intent, r.Tone, predicted.Intent, predicted.Tone, baseline.Intent, baseline.Tone);
        }).ToList();
        return ReplyEvaluation.Compute(results);
    }
}
