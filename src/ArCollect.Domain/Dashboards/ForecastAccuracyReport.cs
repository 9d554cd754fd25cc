using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dashboards;

/// <summary>
/// The forecast's track record, one per tenant: replayed as-of forecasts against the receipts that followed, with the
/// two baselines, as JSON (<c>ForecastTrackRecordReport</c>). Rebuilt weekly by the nightly job and by the demo seed.
/// </summary>
public class ForecastAccuracyReport : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly ComputedOn { get; set; }
    public required string Report { get; set; }
}
