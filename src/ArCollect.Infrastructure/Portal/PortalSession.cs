namespace ArCollect.Infrastructure.Portal;

/// <summary>
/// The customer a portal request acts for, filled once per request from a verified token (with the tenant in
/// <see cref="Tenancy.TenantContext"/>); every portal query is narrowed to <see cref="CustomerId"/>.
/// </summary>
public sealed class PortalSession
{
    public Guid? CustomerId { get; private set; }
    public Guid? LinkId { get; private set; }

    /// <summary>The token of this request, to build links back into the portal; never logged.</summary>
    public string? Token { get; private set; }

    public bool IsValid => CustomerId.HasValue;

    public Guid RequiredCustomerId => CustomerId ?? throw new InvalidOperationException("No portal customer for this request.");

    public void Set(PortalAccess access, string token)
    {
        if (CustomerId.HasValue && CustomerId != access.CustomerId)
        {
            throw new InvalidOperationException("This request already acts for another customer.");
        }

        CustomerId = access.CustomerId;
        LinkId = access.LinkId;
        Token = token;
    }
}
