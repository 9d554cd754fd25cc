namespace ArCollect.Domain.Tenancy;

/// <summary>
/// A key an integration uses to call the REST API for one tenant. Only the SHA-256 hash of the secret is kept;
/// the key itself is shown once when it is created.
/// </summary>
public class ApiKey : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the key, so an admin can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }

    public required byte[] KeyHash { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
