using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Dashboards;

/// <summary>
/// A row of <c>ledger_versions</c>: a counter per tenant that database triggers raise in the writer's own transaction
/// whenever anything the cash forecast reads changes (invoices, payments, credit notes, write-offs, plans, promises,
/// scores, rates, forecast snapshots). A cached forecast is valid while the counter it was computed at is current.
/// </summary>
public class LedgerVersion : ITenantOwned
{
    public Guid TenantId { get; set; }
    public long Version { get; set; }
}
