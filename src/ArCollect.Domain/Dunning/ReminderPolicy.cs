using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dunning;

/// <summary>
/// How firmly a reminder is worded; ordered from gentlest to firmest. <see cref="ThankYou"/> is no reminder tone: it
/// names the wording of the thank-you step (email and SMS templates), which policy steps by offset never use.
/// </summary>
public enum ReminderTone
{
    Friendly,
    Neutral,
    Firm,
    Final,
    ThankYou,
}

/// <summary>What a step does when it is reached; a step may do several things at once.</summary>
[Flags]
public enum StepActions
{
    None = 0,
    Email = 1,
    CollectorTask = 2,
    ManagerNotification = 4,
    CreditHold = 8,

    /// <summary>A short SMS to contacts with a mobile number and consent, through the outbox like email.</summary>
    Sms = 16,

    /// <summary>A call task on the worklist with a script of the reminder's facts and one-click outcomes.</summary>
    CallTask = 32,
}

/// <summary>A tenant's dunning sequence. Exactly one policy per tenant is the default; customers may name another.</summary>
public class ReminderPolicy : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public bool IsDefault { get; set; }
    public List<ReminderStep> Steps { get; set; } = [];

    /// <summary>
    /// The thank-you step: its channels (<see cref="StepActions.Email"/>, <see cref="StepActions.Sms"/>), or None when
    /// the policy has no thank-you step. See <see cref="ThankYouRule"/> for which settled invoices it thanks for.
    /// </summary>
    public StepActions ThankYouActions { get; set; }
}

/// <summary>One step of a policy: reached <see cref="OffsetDays"/> after the due date (negative: before it).</summary>
public class ReminderStep : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid PolicyId { get; set; }
    public int OffsetDays { get; set; }
    public ReminderTone Tone { get; set; }
    public StepActions Actions { get; set; }

    /// <summary>Only when the customer's overdue total in the invoice's currency reaches this amount.</summary>
    public decimal? MinOverdueAmount { get; set; }

    /// <summary>Only for customers of this segment (case-insensitive).</summary>
    public string? Segment { get; set; }

    /// <summary>Only for customers the payment-delay model put in this band (Low, Medium, High); unscored customers have none.</summary>
    public string? RiskBand { get; set; }

    public string Label => OffsetDays switch
    {
        < 0 => $"{-OffsetDays} days before due",
        0 => "on the due date",
        _ => $"{OffsetDays} days overdue",
    };
}
