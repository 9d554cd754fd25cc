using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>
/// The last number handed out in one numbering scope (e.g. "INV-2026-{seq}") of a tenant. It is incremented inside the
/// issuing transaction, so a rolled-back issue gives its number back and concurrent issues queue on the row.
/// </summary>
public class DocumentCounter : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Scope { get; set; }
    public long LastValue { get; set; }
}
