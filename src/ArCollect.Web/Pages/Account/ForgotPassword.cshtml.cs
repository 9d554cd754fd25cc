using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>
/// "Forgot your password?": the answer is the same whether or not the address has an account, so the page tells
/// nobody which emails are registered. An account gets a one-time link to choose a new password, at most one message
/// per quarter hour, so the form cannot flood anyone's inbox.
/// </summary>
public sealed class ForgotPasswordModel(UserManager<AppUser> users, TenantProvisioning provisioning, AccountLinks links, TimeProvider time) : PageModel
{
    /// <summary>How long a reset link works: the lifetime of Identity's data-protection tokens.</summary>
    public static readonly TimeSpan LinkLifetime = new DataProtectionTokenProviderOptions().TokenLifespan;

    [BindProperty]
    public string Email { get; set; } = "";

    public string? SentTo { get; private set; }

    public void OnGet()
    {
    }

    public void OnGetSent() => SentTo = TempData["ResetSentTo"] as string ?? "your email address";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = new InlineValidator<string>();
        validation.RuleFor(e => e).NotEmpty().EmailAddress().MaximumLength(256).WithMessage("Enter the email you sign in with, like you@company.com.");
        var result = validation.Validate(Email);
        if (!result.IsValid)
        {
            ModelState.AddModelError(nameof(Email), result.Errors[0].ErrorMessage);
            return Page();
        }

        var email = Email.Trim();
        if (await users.FindByEmailAsync(email) is { DeactivatedAt: null } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = links.Absolute(Request, $"/Account/ResetPassword?userId={user.Id}&token={Uri.EscapeDataString(token)}");
            var now = time.GetUtcNow().UtcDateTime;
            var quarter = now.Minute / 15;
            await provisioning.EmailAccountAsync(user, $"password-reset:{user.Id}:{now:yyyy-MM-ddTHH}:{quarter}",
                "Choose a new ArCollect password",
                $"Hello {user.DisplayName},\n\nsomeone asked to choose a new password for your ArCollect account. If it was you, follow this link " +
                $"within {LinkLifetime.TotalHours:0} hours; it works once:\n\n{link}\n\n" +
                "If it was not you, ignore this message: your password stays as it is.", cancellationToken);
        }

        TempData["ResetSentTo"] = email;
        return RedirectToPage(pageName: null, pageHandler: "Sent");
    }
}
