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
            text.AppendLine(c, $"Classifier: {report.ClassifierAlgorithm}; regressor: {report.RegressorAlgorithm}; chosen on {report.SelectionFolds} rolling-origin folds inside the training period.");
        }

        if (report.Comparison is { } p)
        {
            text.AppendLine(c, $"Probabilities (late):  {Kept(report.ClassifierKept)} kept; AUC model - heuristic {RiskOutcome.Signed(p.Auc, "F3")}");
            text.AppendLine(c, $"Payment dates (days):  {Kept(report.RegressorKept)} kept; MAE model - heuristic {RiskOutcome.Signed(p.MaeDays, "F2")} days, RMSE {RiskOutcome.Signed(p.RmseDays, "F2")} days");
            text.AppendLine(c, $"(95% paired-bootstrap intervals over {p.Replicates} resamples of the holdout invoices)");
        }

        text.Append(report.Outcome);
        return text.ToString();
    }

    private static string Kept(bool model) => model ? "model    " : "heuristic";

    private static void Row(StringBuilder text, string name, double? model, double heuristic, string format) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-16} {model?.ToString(format, CultureInfo.InvariantCulture) ?? "-",7} {heuristic.ToString(format, CultureInfo.InvariantCulture),12}");
}
