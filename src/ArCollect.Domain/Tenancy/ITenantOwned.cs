namespace ArCollect.Domain.Tenancy;

/// <summary>A row that belongs to exactly one tenant; query filters and row-level security key on <see cref="TenantId"/>.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
