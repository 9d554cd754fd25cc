namespace ArCollect.Domain.Risk;

public enum RiskBand
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A tenant's risk settings: the grace days after which a payment counts as late and the probability cut-offs of
/// the bands. A tenant without a row uses <see cref="Defaults"/>.
/// </summary>
public class RiskSettings : Tenancy.ITenantOwned
{
    public Guid TenantId { get; set; }
    public int GraceDays { get; set; } = 5;

    /// <summary>Probability of paying late from which an invoice is Medium.</summary>
    public double MediumFrom { get; set; } = 0.3;

    /// <summary>Probability of paying late from which an invoice is High.</summary>
    public double HighFrom { get; set; } = 0.6;

    /// <summary>When "Retrain now" queued a run that has not started yet; at most one such run waits per tenant.</summary>
    public DateTimeOffset? RetrainRequestedAt { get; set; }

    public static RiskSettings Defaults(Guid tenantId) => new() { TenantId = tenantId };

    public RiskBand BandFor(double probabilityLate) =>
        probabilityLate >= HighFrom ? RiskBand.High : probabilityLate >= MediumFrom ? RiskBand.Medium : RiskBand.Low;
}
