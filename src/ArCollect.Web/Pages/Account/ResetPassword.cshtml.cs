using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>
/// The link from "Forgot your password?": opening it shows a form (mail scanners that fetch links change nothing).
/// A new password ends every open session (the security stamp changes) and lifts a lockout; following the link proves
/// the mailbox, so an unconfirmed sign-up counts as confirmed afterwards.
/// </summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirmation { get; set; } = "";

    public bool Invalid { get; private set; }

    /// <summary>A used, expired or replaced link says so at once, before anyone types a password into it.</summary>
    public async Task OnGetAsync() =>
        Invalid = await UserAsync() is not { } user || !await users.VerifyUserTokenAsync(
            user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token);

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await UserAsync();
        if (user is null)
        {
            Invalid = true;
            return Page();
        }

        ModelState.Clear();
        if (Password != Confirmation)
        {
            ModelState.AddModelError(nameof(Confirmation), "Type the same password twice.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                Invalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.ResetAccessFailedCountAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await users.SetLockoutEndDateAsync(user, time.GetUtcNow());
        }

        TempData["Flash"] = "Your password is changed. Sign in with the new one.";
        return RedirectToPage("/Account/Login");
    }

    private async Task<AppUser?> UserAsync() =>
        string.IsNullOrEmpty(Token) ? null : await users.FindByIdAsync(UserId.ToString()) is { DeactivatedAt: null } user ? user : null;
}
