using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Identity;

/// <summary>Puts the user's tenant and display name into the sign-in cookie, so each request knows its tenant without a lookup.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options,
    IOptions<PlatformOptions> platform)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    public const string TenantClaim = "arcollect:tenant";
    public const string DisplayNameClaim = "arcollect:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaim, user.TenantId.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        var configured = platform.Value.Operators.Any(e => string.Equals(e.Trim(), user.Email, StringComparison.OrdinalIgnoreCase));
        if (configured && !identity.HasClaim(PlatformOperators.ClaimType, PlatformOperators.OperatorValue))
        {
            identity.AddClaim(new Claim(PlatformOperators.ClaimType, PlatformOperators.OperatorValue));
        }

        return identity;
    }
}
