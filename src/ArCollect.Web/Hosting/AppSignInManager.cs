using System.Security.Claims;
using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Sign-in with two rules added: an unknown email costs the same password hashing as a known one, so response
/// times do not tell which accounts exist; and a deactivated user can neither sign in nor keep using a session.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser Nobody = new() { DisplayName = "nobody" };
    private static string? dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // Same work as checking a real password, then the same answer as a wrong one.
            dummyHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(Nobody, dummyHash, password);
            return SignInResult.Failed;
        }

        if (!user.EmailConfirmed)
        {
            // A sign-up not yet confirmed by its emailed link: the same work and answer as a wrong password, so
            // this page cannot tell which emails have a pending sign-up.
            dummyHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(Nobody, dummyHash, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<bool> CanSignInAsync(AppUser user) => user.DeactivatedAt is null && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DeactivatedAt: null } ? user : null;
    }
}
