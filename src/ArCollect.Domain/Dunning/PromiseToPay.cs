using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

public enum PromiseStatus
{
    Open,
    Kept,
    Broken,
}

/// <summary>A customer's commitment to pay an amount by a date, for one invoice or (without one) the account.</summary>
public class PromiseToPay : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? InvoiceId { get; set; }
    public DateOnly PromisedDate { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public PromiseStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
}

/// <summary>When a promise counts as kept or broken.</summary>
public static class PromiseRules
{
    /// <summary>
    /// Kept once payments since the promise was made cover its amount; broken once the promised day plus
    /// <paramref name="graceDays"/> has passed without that; open otherwise. A settled promise never changes again.
    /// </summary>
    public static PromiseStatus Evaluate(PromiseStatus current, DateOnly promisedDate, decimal amount, decimal paidSincePromise, DateOnly today, int graceDays = 0)
    {
        if (current != PromiseStatus.Open)
        {
            return current;
        }

        if (paidSincePromise >= amount)
        {
            return PromiseStatus.Kept;
        }

        return today > promisedDate.AddDays(graceDays) ? PromiseStatus.Broken : PromiseStatus.Open;
    }
}
