namespace ArCollect.Domain.Risk;

/// <summary>The numeric features, by position in <see cref="RiskFeatureVector.Values"/>.</summary>
public enum RiskFeature
{
    AmountLog,
    AmountVsCustomerMedian,
    TermsDays,
    IssueMonth,
    IssueWeekday,
    DueMonth,
    HistoryCount,
    MeanDaysLate,
    MedianDaysLate,
    ShareLate,
    ShareLate30,
    LastFiveMeanDaysLate,
    LastFiveTrend,
    SameDueMonthMeanDaysLate,
    DaysSinceLastPayment,
    CustomerTenureDays,
    OpenCount,
    OpenAmountLog,
    OpenOverdueCount,
    DisputesLast12Months,
    PromisesKeptLast12Months,
    PromisesBrokenLast12Months,
}

/// <summary>
/// The features of one invoice as known on <see cref="AsOf"/>: numeric values by <see cref="RiskFeature"/> and
/// the categorical attributes, which the models one-hot encode.
/// </summary>
public sealed record RiskFeatureVector(
    Guid InvoiceId,
    DateOnly AsOf,
    float[] Values,
    string Currency,
    string Segment,
    string Region,
    string Channel)
{
    public static readonly int Count = Enum.GetValues<RiskFeature>().Length;

    /// <summary>Feature names in vector order, as stored with a model and shown on the model page.</summary>
    public static readonly IReadOnlyList<string> Names = Enum.GetNames<RiskFeature>();

    public float this[RiskFeature feature] => Values[(int)feature];

    /// <summary>Days of history the "last payment" feature reports when a customer has never settled an invoice.</summary>
    public const int NoPaymentYetDays = 730;
}
