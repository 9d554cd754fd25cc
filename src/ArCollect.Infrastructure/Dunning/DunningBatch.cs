using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.PaymentPlans;

namespace ArCollect.Infrastructure.Dunning;

/// <summary>Everything the planner needs for one batch of customers, loaded with a fixed number of queries.</summary>
public sealed class DunningBatch
{
    public required IReadOnlyList<CustomerRow> Customers { get; init; }
    public required ILookup<Guid, DunningInvoice> Invoices { get; init; }
    public required ILookup<Guid, PromiseToPay> OpenPromises { get; init; }
    public required IReadOnlyDictionary<Guid, decimal> PaidSincePromise { get; init; }
    public required ILookup<Guid, ReachedStep> Reached { get; init; }
    public required IReadOnlyDictionary<Guid, PaymentHistory> History { get; init; }
    public required ILookup<Guid, (DayOfWeek Day, int Count)> ResponseDays { get; init; }
    public required IReadOnlyDictionary<Guid, ContactHistory> Contacts { get; init; }
    public required IReadOnlySet<string> ExistingTaskKeys { get; init; }

    /// <summary>
    /// Every reminder-log row of the batch's invoices by (invoice, step), including those <see cref="Reached"/> leaves out
    /// because a payment plan restarted the steps: a step reached again is recorded on its existing row.
    /// </summary>
    public IReadOnlyDictionary<(Guid InvoiceId, Guid StepId), Guid> LoggedSteps { get; init; } = new Dictionary<(Guid, Guid), Guid>();

    /// <summary>Money on each customer's account (unapplied parts of payments) per currency, netted against its open invoices.</summary>
    public ILookup<Guid, (string Currency, decimal Amount)> Credits { get; init; } = Array.Empty<(Guid, string, decimal)>().ToLookup(c => c.Item1, c => (c.Item2, c.Item3));
    /// <summary>The batch's active payment plans (tracked: the run completes or breaches them), by customer.</summary>
    public ILookup<Guid, ActivePlan> Plans { get; init; } = Array.Empty<ActivePlan>().ToLookup(p => p.Plan.CustomerId);

    /// <summary>Early-payment discounts still on offer on the run date (amount, last day), by invoice id.</summary>
    public IReadOnlyDictionary<Guid, (decimal Amount, DateOnly Deadline)> Discounts { get; init; } = new Dictionary<Guid, (decimal, DateOnly)>();

    /// <summary>Salutation and names of the batch's contacts by contact id, for greetings.</summary>
    public IReadOnlyDictionary<Guid, ContactPerson> People { get; init; } = new Dictionary<Guid, ContactPerson>();

    /// <summary>Mobile numbers, phones and SMS consent of the batch's contacts by customer, for SMS steps and call scripts.</summary>
    public ILookup<Guid, ArCollect.Domain.Messaging.SmsContact> Phones { get; init; } = Array.Empty<(Guid, ArCollect.Domain.Messaging.SmsContact)>().ToLookup(x => x.Item1, x => x.Item2);
}

public sealed record CustomerRow(DunningCustomer Customer, Guid? PolicyId, Guid? CollectorId, string TimeZone, string? Language);

/// <summary>When the customer last responded, how many reminders went out since, and when the last one was.</summary>
public sealed record ContactHistory(DateTimeOffset? LastResponseAt, int RemindersSinceResponse, DateTimeOffset? LastReminderAt);
