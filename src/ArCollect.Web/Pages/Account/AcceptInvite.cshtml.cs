using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>An invited user sets a password through the one-time link the Admin shared, then is signed in.</summary>
public sealed class AcceptInviteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public bool Invalid { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        Invalid = user is null || await users.HasPasswordAsync(user);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || await users.HasPasswordAsync(user))
        {
            Invalid = true;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty;
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/");
    }
}
