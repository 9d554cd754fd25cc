namespace ArCollect.Infrastructure.Tenancy;

/// <summary>
/// The tenant (and user) the current request, job or command acts for. Filled once per scope from the
/// signed-in user's claim, an API key, a portal token or a job argument; never from form fields.
/// </summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }
    public Guid? UserId { get; private set; }

    public bool HasTenant => TenantId.HasValue;

    public Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");

    /// <summary>Sets the tenant for this scope; a scope can never switch to another tenant.</summary>
    public void Set(Guid tenantId, Guid? userId = null)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("Tenant id cannot be empty.", nameof(tenantId));
        }

        if (TenantId.HasValue && TenantId.Value != tenantId)
        {
            throw new InvalidOperationException("This scope already acts for another tenant.");
        }

        TenantId = tenantId;
        UserId = userId ?? UserId;
    }
}
