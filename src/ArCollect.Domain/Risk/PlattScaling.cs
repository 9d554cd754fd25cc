namespace ArCollect.Domain.Risk;

/// <summary>
/// Platt scaling: calibrated probability = 1 / (1 + exp(-(A x logit(raw) + B))), fitted on invoices the model did not
/// train on, so that "30% likely late" means about three in ten such invoices were late. A = 1, B = 0 changes nothing.
/// </summary>
public sealed record PlattScaling(double A, double B)
{
    public static readonly PlattScaling Identity = new(1, 0);

    private const double Clip = 1e-6;

    public double Apply(double rawProbability) => Sigmoid((A * Logit(rawProbability)) + B);

    /// <summary>
    /// Maximum-likelihood fit by Newton's method, with Platt's smoothed targets so that a calibration slice without
    /// any late (or on-time) invoice still gives finite parameters.
    /// </summary>
    public static PlattScaling Fit(IReadOnlyList<double> rawProbabilities, IReadOnlyList<bool> late)
    {
        var n = rawProbabilities.Count;
        var positives = late.Count(l => l);
        if (n == 0 || positives == 0 || positives == n)
        {
            return Identity;
        }

        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (n - positives + 2.0);
        var x = rawProbabilities.Select(Logit).ToArray();
        var t = late.Select(l => l ? hi : lo).ToArray();
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double gA = 0, gB = 0, hAA = 0, hAB = 0, hBB = 0;
            for (var i = 0; i < n; i++)
            {
                var p = Sigmoid((a * x[i]) + b);
                var d = p - t[i];
                var w = Math.Max(p * (1 - p), 1e-12);
                gA += d * x[i];
                gB += d;
                hAA += w * x[i] * x[i];
                hAB += w * x[i];
                hBB += w;
            }

            // A small ridge keeps the step finite when every score is the same.
            hAA += 1e-9;
            hBB += 1e-9;
            var det = (hAA * hBB) - (hAB * hAB);
            if (det <= 0)
            {
                break;
            }

            var stepA = ((hBB * gA) - (hAB * gB)) / det;
            var stepB = ((hAA * gB) - (hAB * gA)) / det;
            a -= stepA;
            b -= stepB;
            if (Math.Abs(stepA) + Math.Abs(stepB) < 1e-9)
            {
                break;
            }
        }

        return double.IsFinite(a) && double.IsFinite(b) ? new PlattScaling(a, b) : Identity;
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, Clip, 1 - Clip);
        return Math.Log(q / (1 - q));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
