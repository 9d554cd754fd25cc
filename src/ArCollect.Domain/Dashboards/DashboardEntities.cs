using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dashboards;

/// <summary>A tenant's exchange rate: one unit of <see cref="Currency"/> is worth <see cref="RateToBase"/> of the base currency from <see cref="RateDate"/> on.</summary>
public class ExchangeRate : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Currency { get; set; }
    public decimal RateToBase { get; set; }
    public DateOnly RateDate { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A tenant's dashboard and alert settings; a tenant without a row uses the defaults below.</summary>
public class DashboardSettings : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>Aging bucket edges in days past due, e.g. "30, 60, 90" (see <see cref="Common.AgingBuckets"/>).</summary>
    public string AgingEdges { get; set; } = "30, 60, 90";

    public decimal CollectionRateTargetPercent { get; set; } = 40m;

    /// <summary>A key account alerts when its oldest open invoice is more than this many days past due.</summary>
    public int KeyAccountAgingDays { get; set; } = 60;

    /// <summary>A week's receipts alert when they fall short of forecast by more than this share.</summary>
    public decimal ForecastVarianceThresholdPercent { get; set; } = 20m;

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum AlertKind
{
    KeyAccountAging,
    CreditLimit,
}

/// <summary>
/// Whether a customer is currently over an alert's line. An alert goes out when <see cref="IsOver"/> turns true
/// (one per crossing, numbered by <see cref="Crossings"/>); it turns false again when the customer is back under.
/// </summary>
public class AlertState : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public AlertKind Kind { get; set; }
    public bool IsOver { get; set; }
    public int Crossings { get; set; }
    public DateOnly? LastCrossedOn { get; set; }
    public DateOnly? LastClearedOn { get; set; }
}

/// <summary>
/// The forecast for one week as last made before that week began, kept so the week's actual receipts can be
/// compared with what was expected.
/// </summary>
public class ForecastSnapshot : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly WeekStart { get; set; }
    public decimal Expected { get; set; }
    public decimal Low { get; set; }
    public decimal High { get; set; }
    public DateOnly MadeOn { get; set; }
    public DateOnly? ShortfallAlertedOn { get; set; }
}
