namespace ArCollect.Domain.Dunning;

/// <summary>
/// What the planner needs to know about a customer, loaded in bulk by the run. <see cref="HoldReason"/> set pauses every
/// invoice of the customer (a frustrated or angry reply waiting for a person).
/// </summary>
public sealed record DunningCustomer(
    Guid Id,
    string Name,
    string? Segment,
    string? RiskBand,
    bool DoNotContact,
    bool IsKeyAccount,
    IReadOnlyList<DunningContact> Contacts,
    PaymentHistory History,
    string? HoldReason = null);

public sealed record DunningContact(Guid Id, string Name, string Email, bool IsPrimary, bool Bounced);

/// <summary>
/// An open invoice as the planner sees it; <see cref="OnPaymentPlanOnTrack"/> pauses it like a promise.
/// <see cref="DisputedAmount"/> is the part under live disputes: only the rest is chased.
/// </summary>
public sealed record DunningInvoice(
    Guid Id,
    string Number,
    DateOnly DueDate,
    decimal OpenAmount,
    string Currency,
    bool IsDisputed,
    bool OnPaymentPlanOnTrack = false,
    decimal DisputedAmount = 0m)
{
    /// <summary>What reminders ask for: the open amount less the disputed part (see <see cref="Disputes.DisputedBalance"/>).</summary>
    public decimal ChaseableAmount => Disputes.DisputedBalance.Chaseable(OpenAmount, DisputedAmount, IsDisputed);

    public int DaysOverdueOn(DateOnly day) => day.DayNumber - DueDate.DayNumber;
}

/// <summary>
/// A promise to pay; <see cref="InvoiceId"/> null means the whole account. Reminders stay paused until the promised
/// date plus <see cref="GraceDays"/>.
/// </summary>
public sealed record DunningPromise(Guid Id, Guid? InvoiceId, DateOnly PromisedDate, decimal Amount, PromiseStatus Status, int GraceDays = 0);

/// <summary>A step already reached for an invoice (from the reminder log).</summary>
public sealed record ReachedStep(Guid InvoiceId, Guid StepId);
