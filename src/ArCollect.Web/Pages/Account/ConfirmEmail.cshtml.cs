using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>
/// The link from the sign-up email: opening it shows a button (mail scanners that fetch links change nothing);
/// pressing it confirms the address and signs the new Admin in.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public bool Invalid { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        Invalid = user is null || user.EmailConfirmed || string.IsNullOrEmpty(Token);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || user.EmailConfirmed || !(await users.ConfirmEmailAsync(user, Token)).Succeeded)
        {
            Invalid = true;
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Flash"] = $"Welcome to ArCollect, {user.DisplayName}. Add your customers or invite your team.";
        return Redirect("/");
    }
}
