using System.Globalization;
using ArCollect.Domain.Risk;

namespace ArCollect.Infrastructure.Risk;

/// <summary>The one-sentence outcome of a run, for the model page, the logs and <c>ml evaluate</c>.</summary>
public static class RiskOutcome
{
    public static string Describe(bool classifierKept, bool regressorKept, PairedComparison comparison)
    {
        var figures = $"AUC {Signed(comparison.Auc, "F3")}; MAE {Signed(comparison.MaeDays, "F2")} days, RMSE {Signed(comparison.RmseDays, "F2")} days; model minus heuristic, 95% intervals.";
        return (classifierKept, regressorKept) switch
        {
            (true, true) => $"Model kept for probabilities and payment dates: {figures}",
            (false, true) => $"Model kept for payment dates, heuristic for probabilities: {figures}",
            (true, false) => $"Model kept for probabilities, heuristic for payment dates: {figures}",
            _ => $"Model not kept: it did not clearly beat the heuristic on the holdout ({figures[..^1]}).",
        };
    }

    /// <summary>"+0.012 [+0.004, +0.020]".</summary>
    public static string Signed(PairedInterval interval, string format) =>
        $"{Sign(interval.Difference, format)} [{Sign(interval.Lower, format)}, {Sign(interval.Upper, format)}]";

    private static string Sign(double value, string format) => value.ToString("+" + Zeros(format) + ";-" + Zeros(format) + ";" + Zeros(format), CultureInfo.InvariantCulture);

    private static string Zeros(string format) => "0." + new string('0', int.Parse(format[1..], CultureInfo.InvariantCulture));
}
