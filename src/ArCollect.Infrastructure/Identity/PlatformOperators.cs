using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace ArCollect.Infrastructure.Identity;

/// <summary>
/// Platform operators run the whole installation (job dashboard, cross-tenant operations). The role is a user claim
/// outside every tenant's roles: only the <c>operator grant</c> command or the <c>Platform:Operators</c> setting gives it,
/// never a sign-up or an invitation.
/// </summary>
public sealed class PlatformOperators(UserManager<AppUser> users)
{
    public const string ClaimType = "arcollect:platform";
    public const string OperatorValue = "operator";

    public static bool IsOperator(ClaimsPrincipal user) => user.HasClaim(ClaimType, OperatorValue);

    /// <summary>Gives the operator role to the user with this email; false when no such user exists.</summary>
    public async Task<bool> GrantAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return false;
        }

        var claims = await users.GetClaimsAsync(user);
        if (!claims.Any(c => c.Type == ClaimType && c.Value == OperatorValue))
        {
            await users.AddClaimAsync(user, new Claim(ClaimType, OperatorValue));
        }

        return true;
    }

    /// <summary>
    /// Takes the operator role away; open sessions lose it at their next request, as the sign-in principal is rebuilt
    /// from the database on each one. False when no such user exists.
    /// </summary>
    public async Task<bool> RevokeAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return false;
        }

        await users.RemoveClaimAsync(user, new Claim(ClaimType, OperatorValue));
        return true;
    }
}

/// <summary>Platform settings that live outside every tenant (section <c>Platform</c>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Emails of users who are platform operators by configuration, in addition to those granted on the command line.</summary>
    public IList<string> Operators { get; } = [];

    /// <summary>Lets operators trigger, retry and delete jobs on the dashboard; unset means only in Development.</summary>
    public bool? DashboardActions { get; set; }
}
