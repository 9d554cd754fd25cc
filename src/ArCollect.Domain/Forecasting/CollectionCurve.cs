namespace ArCollect.Domain.Forecasting;

/// <summary>
/// How many of the tenant's invoices ended at one lateness (days from due date): paid, written off, or still open
/// at that lateness on the day the curve is built (observed that far, outcome not known yet).
/// </summary>
public sealed record LatenessOutcome(int DaysLate, int Paid, int WrittenOff, int StillOpen);

/// <summary>
/// The tenant's empirical collection curve: the chance that an invoice still open at a given lateness is paid
/// within the next days, or ever. Estimated with competing risks (payment vs write-off) over the invoices' history,
/// with still-open invoices counted only for as long as they have been observed (Aalen-Johansen). Old debts that
/// history shows mostly stay unpaid therefore get a small probability; an age no invoice ever reached gets zero.
/// </summary>
public sealed class CollectionCurve
{
    /// <summary>Invoices paid earlier or later than this are counted at the limit, so the arrays stay small.</summary>
    public const int MinDays = -400;
    public const int MaxDays = 2000;

    private readonly double[] paidHazard;
    private readonly double[] survival; // survival[i]: still open after day MinDays + i
    private readonly decimal? flat;

    private CollectionCurve(double[] paidHazard, double[] survival, decimal? flat = null)
    {
        this.paidHazard = paidHazard;
        this.survival = survival;
        this.flat = flat;
    }

    /// <summary>Sample size: invoices whose outcome or observed lateness the curve was built from.</summary>
    public int Invoices { get; private init; }

    /// <summary>A tenant without history: every open invoice is assumed paid with <paramref name="probability"/>.</summary>
    public static CollectionCurve Flat(decimal probability) => new([], [], probability);

    public static CollectionCurve From(IEnumerable<LatenessOutcome> outcomes)
    {
        var length = MaxDays - MinDays + 1;
        var paid = new double[length];
        var ended = new double[length];
        var leaving = new double[length]; // invoices that leave the risk set after this day (event or end of observation)
        var total = 0;
        foreach (var o in outcomes)
        {
            var i = Math.Clamp(o.DaysLate, MinDays, MaxDays) - MinDays;
            paid[i] += o.Paid;
            ended[i] += o.Paid + o.WrittenOff;
            leaving[i] += o.Paid + o.WrittenOff + o.StillOpen;
            total += o.Paid + o.WrittenOff + o.StillOpen;
        }

        if (total == 0)
        {
            return Flat(PaymentProfile.NoHistory.PaymentProbability);
        }

        var hazard = new double[length];
        var survival = new double[length];
        double atRisk = total, alive = 1d;
        for (var i = 0; i < length; i++)
        {
            if (atRisk > 0)
            {
                hazard[i] = paid[i] / atRisk;
                alive *= 1d - (ended[i] / atRisk);
            }

            survival[i] = alive;
            atRisk -= leaving[i];
        }

        return new CollectionCurve(hazard, survival) { Invoices = total };
    }

    /// <summary>
    /// Probability that an invoice open today at <paramref name="daysLate"/> is paid within <paramref name="days"/>
    /// days (today included); all days after the curve's end when <paramref name="days"/> is null.
    /// </summary>
    public decimal PaidWithin(int daysLate, int? days)
    {
        if (flat is { } p)
        {
            return p;
        }

        var start = Math.Clamp(daysLate, MinDays, MaxDays) - MinDays;
        var end = days is { } d ? Math.Min(paidHazard.Length - 1, start + d - 1) : paidHazard.Length - 1;
        var before = start == 0 ? 1d : survival[start - 1];
        if (before <= 0d)
        {
            return 0m;
        }

        var sum = 0d;
        for (var i = start; i <= end; i++)
        {
            var alive = i == 0 ? 1d : survival[i - 1];
            sum += alive / before * paidHazard[i];
        }

        return Math.Round((decimal)Math.Clamp(sum, 0d, 1d), 6);
    }

    /// <summary>
    /// For an invoice open today at <paramref name="daysLate"/>: the day (1 = today) by which half of what it is
    /// expected to pay within <paramref name="horizonDays"/> has arrived, or null when nothing is expected. An
    /// invoice already later than its customer usually pays is placed here, instead of all of them on today.
    /// </summary>
    public int? MedianDayToPay(int daysLate, int horizonDays)
    {
        var within = PaidWithin(daysLate, horizonDays);
        if (within <= 0m || flat is not null)
        {
            return within > 0m ? 1 : null;
        }

        var start = Math.Clamp(daysLate, MinDays, MaxDays) - MinDays;
        var before = start == 0 ? 1d : survival[start - 1];
        var half = (double)within / 2d;
        var sum = 0d;
        for (var day = 1; day <= horizonDays && start + day - 1 < paidHazard.Length; day++)
        {
            var i = start + day - 1;
            sum += (i == 0 ? 1d : survival[i - 1]) / before * paidHazard[i];
            if (sum >= half)
            {
                return day;
            }
        }

        return horizonDays;
    }

    /// <summary>Probability that an invoice open today at <paramref name="daysLate"/> is ever paid.</summary>
    public decimal PaidEver(int daysLate) => PaidWithin(daysLate, null);
}
