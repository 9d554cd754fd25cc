using System.Globalization;
using System.Text;

namespace ArCollect.Infrastructure.Risk;

/// <summary>The side-by-side table of model and heuristic that <c>ml evaluate</c> and the logs print.</summary>
public static class RiskReportTable
{
    public static string Format(RiskRunReport report)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Settled invoices: {report.TrainingRows + report.HoldoutRows} (training {report.TrainingRows}, holdout {report.HoldoutRows} newest by issue date); late = more than {report.GraceDays} days past due");
        text.AppendLine("metric            model    heuristic");
        var m = report.Model;
        var h = report.Heuristic;
        Row(text, "AUC (late)", m?.Auc, h.Auc, "F3");
        Row(text, "accuracy (late)", m?.Accuracy, h.Accuracy, "F3");
        Row(text, "Brier (late)", m?.Brier, h.Brier, "F3");
        Row(text, "MAE days", m?.MaeDays, h.MaeDays, "F2");
        Row(text, "RMSE days", m?.RmseDays, h.RmseDays, "F2");
        if (m is not null)
        {
            text.AppendLine(c, $"Classifier: {report.ClassifierAlgorithm}; regressor: {report.RegressorAlgorithm}; MAE {(1 - (m.MaeDays / h.MaeDays)) * 100:F1}% below the heuristic.");
        }

        text.Append(report.Outcome);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, double? model, double heuristic, string format) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-16} {model?.ToString(format, CultureInfo.InvariantCulture) ?? "-",7} {heuristic.ToString(format, CultureInfo.InvariantCulture),12}");
}
