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

    /// <summary>The batch's active payment plans (tracked: the run completes or breaches them), by customer.</summary>
    public ILookup<Guid, ActivePlan> Plans { get; init; } = Array.Empty<ActivePlan>().ToLookup(p => p.Plan.CustomerId);

    /// <summary>Salutation and names of the batch's contacts by contact id, for greetings.</summary>
    public IReadOnlyDictionary<Guid, ContactPerson> People { get; init; } = new Dictionary<Guid, ContactPerson>();
}

public sealed record CustomerRow(DunningCustomer Customer, Guid? PolicyId, Guid? CollectorId, string TimeZone, string? Language);

/// <summary>When the customer last responded, how many reminders went out since, and when the last one was.</summary>
public sealed record ContactHistory(DateTimeOffset? LastResponseAt, int RemindersSinceResponse, DateTimeOffset? LastReminderAt);
