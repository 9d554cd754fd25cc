using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.PaymentPlans;

public enum PaymentPlanStatus
{
    /// <summary>Asked for outside the tenant's rules: waits for a Manager.</summary>
    Pending,

    /// <summary>Approved: reminders follow its instalment dates.</summary>
    Active,

    /// <summary>Every instalment has been paid.</summary>
    Completed,

    /// <summary>An instalment was missed beyond the grace days: the reminder policy resumes.</summary>
    Breached,

    /// <summary>A Manager said no, with a reason.</summary>
    Rejected,
}

/// <summary>
/// An agreement to pay some of a customer's open invoices (one currency) in instalments. The invoices and the amount of
/// each it covers are fixed when the plan is made (<see cref="PaymentPlanInvoice"/>); the schedule is in
/// <see cref="PaymentPlanInstalment"/>.
/// </summary>
public class PaymentPlan : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Currency { get; set; }
    public decimal Total { get; set; }
    public int InstalmentCount { get; set; }
    public DateOnly FirstDate { get; set; }
    public PaymentPlanStatus Status { get; set; }

    /// <summary>"Portal" when the customer asked for it, "Clerk" when offered from the customer page.</summary>
    public required string Source { get; set; }

    /// <summary>Why the plan needed a Manager (the rules it is outside of); null when inside the rules.</summary>
    public string? OutsideRules { get; set; }

    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>The day the plan took effect; reminder steps reached before it no longer count for its invoices.</summary>
    public DateOnly? ActiveFrom { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public List<PaymentPlanInstalment> Instalments { get; set; } = [];
    public List<PaymentPlanInvoice> Invoices { get; set; } = [];
}

/// <summary>One instalment: its number (from 1), date and amount.</summary>
public class PaymentPlanInstalment : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>
/// An invoice a plan covers: <see cref="Amount"/> is the part the plan pays (its undisputed open amount when the plan
/// was made), <see cref="BalanceAtStart"/> its whole balance then, so money applied since is the balance's fall.
/// </summary>
public class PaymentPlanInvoice : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid PlanId { get; set; }
    public Guid InvoiceId { get; set; }
    public int Position { get; set; }
    public decimal Amount { get; set; }
    public decimal BalanceAtStart { get; set; }
}

/// <summary>A tenant's plan limits for one currency: the smallest instalment and the largest balance a plan may cover by rule.</summary>
public class PaymentPlanCurrencyRule : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Currency { get; set; }
    public decimal? MinInstalment { get; set; }
    public decimal? MaxBalance { get; set; }
}
