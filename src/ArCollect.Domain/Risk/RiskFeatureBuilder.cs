namespace ArCollect.Domain.Risk;

/// <summary>
/// The one feature builder used for training, nightly scoring and <c>ml evaluate</c>. It is leak-free by
/// construction: it reads only invoices issued before the scoring date, outcomes settled before it, disputes opened
/// before it and promises whose outcome was certain before it, so adding later history can change nothing.
/// </summary>
public static class RiskFeatureBuilder
{
    private const int LateOver30Days = 30;

    /// <summary>
    /// Features of <paramref name="invoice"/> as of <paramref name="asOf"/> (its issue date when training; today when
    /// scoring an open invoice). <paramref name="graceDays"/> decides what counts as late in the share features.
    /// </summary>
    public static RiskFeatureVector Build(RiskInvoice invoice, CustomerHistory history, DateOnly asOf, int graceDays)
    {
        var values = new float[RiskFeatureVector.Count];
        var earlier = new List<RiskInvoice>();
        var settled = new List<(DateOnly SettledOn, DateOnly DueDate, int DaysLate)>();
        var openCount = 0;
        var openOverdue = 0;
        var openAmount = 0m;
        foreach (var other in history.Invoices)
        {
            // Ordered by issue date: nothing after this point was known on the scoring date.
            if (other.IssueDate >= asOf)
            {
                break;
            }

            if (other.InvoiceId == invoice.InvoiceId)
            {
                continue;
            }

            earlier.Add(other);
            if (other.SettledOn is { } on && on < asOf)
            {
                settled.Add((on, other.DueDate, RiskLabels.DaysLate(other)));
            }
            else
            {
                openCount++;
                openAmount += other.Amount;
                openOverdue += other.DueDate < asOf ? 1 : 0;
            }
        }

        settled.Sort((a, b) => a.SettledOn.CompareTo(b.SettledOn));
        var amount = (double)invoice.Amount;
        Set(values, RiskFeature.AmountLog, Math.Log(1 + Math.Max(0, amount)));
        Set(values, RiskFeature.AmountVsCustomerMedian, earlier.Count == 0 ? 1 : Ratio(amount, Median(earlier.Select(e => (double)e.Amount))));
        Set(values, RiskFeature.TermsDays, invoice.DueDate.DayNumber - invoice.IssueDate.DayNumber);
        Set(values, RiskFeature.IssueMonth, invoice.IssueDate.Month);
        Set(values, RiskFeature.IssueWeekday, (int)invoice.IssueDate.DayOfWeek);
        Set(values, RiskFeature.DueMonth, invoice.DueDate.Month);
        Set(values, RiskFeature.HistoryCount, settled.Count);
        Set(values, RiskFeature.CustomerTenureDays, earlier.Count == 0 ? 0 : asOf.DayNumber - earlier[0].IssueDate.DayNumber);
        Set(values, RiskFeature.OpenCount, openCount);
        Set(values, RiskFeature.OpenAmountLog, Math.Log(1 + (double)Math.Max(0, openAmount)));
        Set(values, RiskFeature.OpenOverdueCount, openOverdue);
        Set(values, RiskFeature.DisputesLast12Months, history.DisputesOpenedOn.Count(d => d < asOf && d >= asOf.AddDays(-365)));
        var promises = history.Promises.Where(p => p.SettledBy < asOf && p.SettledBy >= asOf.AddDays(-365)).ToList();
        Set(values, RiskFeature.PromisesKeptLast12Months, promises.Count(p => p.Kept));
        Set(values, RiskFeature.PromisesBrokenLast12Months, promises.Count(p => !p.Kept));
        SetHistory(values, settled, invoice.DueDate.Month, asOf, graceDays);

        var customer = history.Customer;
        return new RiskFeatureVector(
            invoice.InvoiceId, asOf, values, Category(invoice.Currency), Category(customer.Segment), Category(customer.Region), Category(customer.Channel));
    }

    private static void SetHistory(float[] values, List<(DateOnly SettledOn, DateOnly DueDate, int DaysLate)> settled, int dueMonth, DateOnly asOf, int graceDays)
    {
        if (settled.Count == 0)
        {
            Set(values, RiskFeature.DaysSinceLastPayment, RiskFeatureVector.NoPaymentYetDays);
            return;
        }

        var late = settled.Select(s => (double)s.DaysLate).ToArray();
        var mean = late.Average();
        var lastFive = late.Skip(Math.Max(0, late.Length - 5)).Average();
        var sameMonth = settled.Where(s => s.DueDate.Month == dueMonth).Select(s => (double)s.DaysLate).ToArray();
        Set(values, RiskFeature.MeanDaysLate, mean);
        Set(values, RiskFeature.MedianDaysLate, Median(late));
        Set(values, RiskFeature.ShareLate, late.Count(d => d > graceDays) / (double)late.Length);
        Set(values, RiskFeature.ShareLate30, late.Count(d => d > LateOver30Days) / (double)late.Length);
        Set(values, RiskFeature.LastFiveMeanDaysLate, lastFive);
        Set(values, RiskFeature.LastFiveTrend, lastFive - mean);
        Set(values, RiskFeature.SameDueMonthMeanDaysLate, sameMonth.Length == 0 ? mean : sameMonth.Average());
        Set(values, RiskFeature.DaysSinceLastPayment, asOf.DayNumber - settled[^1].SettledOn.DayNumber);
    }

    public static double Median(IEnumerable<double> source)
    {
        var sorted = source.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Ratio(double amount, double median) => median <= 0 ? 1 : amount / median;

    private static void Set(float[] values, RiskFeature feature, double value) => values[(int)feature] = (float)value;

    private static string Category(string? value) => string.IsNullOrWhiteSpace(value) ? "(none)" : value.Trim();
}
