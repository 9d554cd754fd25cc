namespace ArCollect.Domain.Invoices;

/// <summary>What a late fee for one invoice in one period comes to.</summary>
public sealed record LateFeeCharge(string Period, decimal Amount);

/// <summary>
/// Late fees: once per calendar month an invoice stays unpaid past its due date plus the grace days. The fee is on
/// the principal still open (fees already charged never earn fees), and all fees on an invoice stay within the cap.
/// </summary>
public sealed record LateFeePolicy(LateFeeKind Kind, decimal Value, int GraceDays, decimal? Cap, string? Currency = null)
{
    public bool IsOn => Kind != LateFeeKind.None && Value > 0m;

    /// <param name="principalOpen">Open amount of the invoice's ordinary lines, after payments and credits.</param>
    /// <param name="feesCharged">Late fees already on the invoice.</param>
    /// <param name="chargedPeriods">Periods (yyyy-MM) already charged, so a rerun charges nothing twice.</param>
    public LateFeeCharge? ChargeOn(DateOnly today, DateOnly dueDate, decimal principalOpen, decimal feesCharged, IReadOnlySet<string> chargedPeriods)
    {
        if (!IsOn || principalOpen <= 0m || today <= dueDate.AddDays(GraceDays))
        {
            return null;
        }

        var period = $"{today.Year:0000}-{today.Month:00}";
        if (chargedPeriods.Contains(period))
        {
            return null;
        }

        var fee = Common.Money.Round(Kind == LateFeeKind.Flat ? Value : principalOpen * Value / 100m, Currency);
        if (Cap is { } cap)
        {
            fee = Math.Min(fee, cap - feesCharged);
        }

        return fee > 0m ? new LateFeeCharge(period, fee) : null;
    }
}
