using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>
/// The link from the sign-up email: opening it shows a form (mail scanners that fetch links change nothing);
/// the password chosen at sign-up confirms the address and signs the new Admin in. Asking for the password means a
/// sign-up made with someone else's address cannot be completed by that person's click: whoever confirms must know
/// both the mailbox and the password.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
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
        Invalid = user is null || user.EmailConfirmed || string.IsNullOrEmpty(Token);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || user.EmailConfirmed || string.IsNullOrEmpty(Token))
        {
            Invalid = true;
            return Page();
        }

        ModelState.Clear();
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(Password), "Too many wrong passwords: try again in 15 minutes.");
            return Page();
        }

        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Password), "Enter the password you chose when signing up.");
            return Page();
        }

        if (!(await users.ConfirmEmailAsync(user, Token)).Succeeded)
        {
            Invalid = true;
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = $"Welcome to ArCollect, {user.DisplayName}. Add your customers or invite your team.";
        return Redirect("/");
    }
}
