using System.Globalization;
using System.Text;
using ArCollect.Domain.Replies;

namespace ArCollect.Infrastructure.Replies;

/// <summary>The side-by-side table of model and keyword baseline that <c>ml classify</c> prints.</summary>
public static class ReplyReportTable
{
    public static string Format(ReplyEvaluation e)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"Reply classification on {e.Examples} examples: model vs keyword baseline (F1 per label, macro-F1 = mean of the labels' F1)");
        b.AppendLine();
        Section(b, "intent", e.ModelIntent, e.BaselineIntent, ReplyEvaluation.IntentTarget);
        Section(b, "tone", e.ModelTone, e.BaselineTone, ReplyEvaluation.ToneTarget);
        b.AppendLine("per language (macro-F1)      examples  intent model  intent baseline  tone model  tone baseline");
        foreach (var l in e.PerLanguage)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {l.Language,-26} {l.Examples,8}  {l.ModelIntent,12:0.000}  {l.BaselineIntent,15:0.000}  {l.ModelTone,10:0.000}  {l.BaselineTone,13:0.000}");
        }

        b.AppendLine();
        b.AppendLine("confusion matrix, model intent (rows actual, columns predicted):");
        Matrix(b, e.ModelIntent);
        b.AppendLine("confusion matrix, model tone:");
        Matrix(b, e.ModelTone);
        b.AppendLine(e.MeetsTargets
            ? "Targets met: intent >= 0.85, tone >= 0.80 and above the baseline in every language."
            : "Targets NOT met (intent >= 0.85, tone >= 0.80, above the baseline in every language).");
        return b.ToString();
    }

    private static void Section(StringBuilder b, string name, ClassificationScores model, ClassificationScores baseline, double target)
    {
        b.AppendLine(CultureInfo.InvariantCulture, $"{name,-28} {"support",8}  {"model F1",12}  {"baseline F1",15}");
        for (var i = 0; i < model.Labels.Count; i++)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {model.Labels[i],-26} {model.PerLabel[i].Support,8}  {model.PerLabel[i].F1,12:0.000}  {baseline.PerLabel[i].F1,15:0.000}");
        }

        b.AppendLine(CultureInfo.InvariantCulture, $"  {"macro-F1 (target " + target.ToString("0.00", CultureInfo.InvariantCulture) + ")",-26} {model.Count,8}  {model.MacroF1,12:0.000}  {baseline.MacroF1,15:0.000}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  {"accuracy",-26} {"",8}  {model.Accuracy,12:0.000}  {baseline.Accuracy,15:0.000}");
        b.AppendLine();
    }

    private static void Matrix(StringBuilder b, ClassificationScores s)
    {
        b.Append(' ', 16);
        foreach (var label in s.Labels)
        {
            b.Append(CultureInfo.InvariantCulture, $"{Short(label),14}");
        }

        b.AppendLine();
        for (var i = 0; i < s.Labels.Count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"  {Short(s.Labels[i]),-14}");
            for (var j = 0; j < s.Labels.Count; j++)
            {
                b.Append(CultureInfo.InvariantCulture, $"{s.Confusion[i, j],14}");
            }

            b.AppendLine();
        }

        b.AppendLine();
    }

    private static string Short(string label) => label.Length > 13 ? label[..13] : label;
}
