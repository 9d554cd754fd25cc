namespace ArCollect.Domain.Dunning;

/// <summary>A settled invoice as the thank-you step sees it: how it was settled and what collections touched it.</summary>
public sealed record SettledInvoice(
    Guid Id,
    Guid CustomerId,
    string Number,
    string Currency,
    decimal AmountPaid,
    decimal AmountWrittenOff,
    decimal Balance,
    DateOnly? SettledOn,
    bool WasReminded,
    bool HadIncentive,
    bool WasOnPlan);

/// <summary>
/// Which settled invoices the thank-you step thanks for: settled recently, by money (a credit note alone or any
/// write-off gets no thanks), after collections touched it (a reminder, a prompt-payer discount or a payment plan).
/// Each invoice is thanked at most once; invoices of one customer found on the same run share one message, so a
/// payment covering several invoices is thanked once.
/// </summary>
public static class ThankYouRule
{
    /// <summary>Only invoices settled this many days before the run or later, so adding the step never thanks for old payments.</summary>
    public const int LookbackDays = 7;

    public static bool Thanks(SettledInvoice invoice, DateOnly runDate) =>
        invoice.Balance == 0m
        && invoice.AmountPaid > 0m
        && invoice.AmountWrittenOff == 0m
        && invoice.SettledOn is { } settled && settled >= runDate.AddDays(-LookbackDays) && settled <= runDate
        && (invoice.WasReminded || invoice.HadIncentive || invoice.WasOnPlan);

    /// <summary>Only the channels a thank-you can use survive: email and SMS.</summary>
    public static StepActions Channels(StepActions actions) => actions & (StepActions.Email | StepActions.Sms);
}
