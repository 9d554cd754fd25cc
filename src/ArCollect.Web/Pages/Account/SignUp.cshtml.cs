using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

public sealed class SignUpModel(TenantProvisioning provisioning, SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = new SignUpInputValidator().Validate(Input);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        if (!validation.IsValid)
        {
            return Page();
        }

        var result = await provisioning.SignUpAsync(
            Input.CompanyName, Input.BaseCurrency.ToUpperInvariant(), Input.AdminName, Input.Email, Input.Password, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }

            return Page();
        }

        var user = await users.FindByIdAsync(result.UserId!.Value.ToString());
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Flash"] = $"Welcome to ArCollect, {Input.AdminName}. Add your customers or invite your team.";
        return Redirect("/");
    }

    public sealed class SignUpInput
    {
        public string CompanyName { get; set; } = "";
        public string BaseCurrency { get; set; } = "EUR";
        public string AdminName { get; set; } = "";
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public sealed class SignUpInputValidator : AbstractValidator<SignUpInput>
    {
        public SignUpInputValidator()
        {
            RuleFor(x => x.CompanyName).NotEmpty().WithMessage("Enter your company's name.").MaximumLength(200);
            RuleFor(x => x.BaseCurrency).Must(c => CurrencyCodes.IsKnown(c?.ToUpperInvariant()))
                .WithMessage("Enter a three-letter ISO 4217 currency such as EUR or USD.");
            RuleFor(x => x.AdminName).NotEmpty().WithMessage("Enter your name.").MaximumLength(200);
            RuleFor(x => x.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid work email, like you@company.com.");
            RuleFor(x => x.Password).MinimumLength(10).WithMessage("Choose a password of at least 10 characters.");
        }
    }
}
