namespace ArCollect.Domain.Risk;

/// <summary>What the feature builder needs to know about one invoice; the same shape comes from the database and from a CSV.</summary>
public sealed record RiskInvoice(
    Guid InvoiceId,
    Guid CustomerId,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Amount,
    string Currency,
    DateOnly? SettledOn);

/// <summary>The customer attributes used as features; any of them may be unknown.</summary>
public sealed record RiskCustomer(Guid CustomerId, string? Segment, string? Region, string? Channel);

/// <summary>
/// A promise to pay that came to an end: kept or broken, and the first day that outcome was certain (the promised day
/// plus the tenant's promise grace, plus one), so a feature built before that day cannot know it.
/// </summary>
public sealed record RiskPromise(DateOnly SettledBy, bool Kept);

/// <summary>
/// Everything ever recorded for one customer: its invoices, the days its disputes were opened and how its promises to
/// pay ended. It may contain the future of any scoring date; <see cref="RiskFeatureBuilder"/> looks only at what was
/// known before that date.
/// </summary>
public sealed class CustomerHistory
{
    public CustomerHistory(RiskCustomer customer, IEnumerable<RiskInvoice> invoices, IEnumerable<DateOnly> disputesOpenedOn, IEnumerable<RiskPromise>? promises = null)
    {
        Customer = customer;
        Invoices = invoices.OrderBy(i => i.IssueDate).ThenBy(i => i.InvoiceId).ToArray();
        DisputesOpenedOn = disputesOpenedOn.Order().ToArray();
        Promises = (promises ?? []).OrderBy(p => p.SettledBy).ToArray();
    }

    /// <summary>Kept and broken promises, ordered by the day their outcome was certain.</summary>
    public IReadOnlyList<RiskPromise> Promises { get; }

    public RiskCustomer Customer { get; }

    /// <summary>Ordered by issue date.</summary>
    public IReadOnlyList<RiskInvoice> Invoices { get; }

    public IReadOnlyList<DateOnly> DisputesOpenedOn { get; }
}

/// <summary>The outcome the models learn: how many days after the due date an invoice was settled (never negative).</summary>
public static class RiskLabels
{
    public static int DaysLate(RiskInvoice invoice) => invoice.SettledOn is { } settled
        ? Math.Max(0, settled.DayNumber - invoice.DueDate.DayNumber)
        : throw new InvalidOperationException($"Invoice {invoice.InvoiceId} is not settled, so it has no days late.");

    /// <summary>Late means settled more than the tenant's grace days after the due date.</summary>
    public static bool IsLate(int daysLate, int graceDays) => daysLate > graceDays;
}
