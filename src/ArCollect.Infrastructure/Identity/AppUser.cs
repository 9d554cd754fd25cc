using Microsoft.AspNetCore.Identity;

namespace ArCollect.Infrastructure.Identity;

/// <summary>
/// A person who signs in. Sign-in looks users up by email before any tenant is known, so the users table is a
/// platform table: it carries the user's tenant, and every page that lists users filters on it explicitly.
/// </summary>
public class AppUser : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }
    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while an Admin has deactivated the user: sign-in is refused and open sessions end; the history stays.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
