using ArCollect.Domain.Common;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ArCollect.Web.Pages.Account;

/// <summary>
/// A company signs up with its first Admin. The answer is the same whether or not the email already has an account:
/// "check your inbox". A new Admin gets a confirmation link and signs in by following it; the owner of an existing
/// account gets an email saying someone tried, so nobody can learn from this page which emails are registered.
/// </summary>
public sealed class SignUpModel(
    TenantProvisioning provisioning, UserManager<AppUser> users, ArCollectDbContext db, TimeProvider time, AccountLinks links) : PageModel
{
    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    /// <summary>Where the link went, shown after the sign-up form was accepted.</summary>
    public string? SentTo { get; private set; }

    public void OnGet()
    {
    }

    public void OnGetSent() => SentTo = TempData["SignUpSentTo"] as string ?? "your email address";

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
            Input.CompanyName, Input.BaseCurrency.ToUpperInvariant(), Input.AdminName, Input.Email, Input.Password, cancellationToken,
            emailConfirmed: false);
        if (result.ExistingUser is { } owner)
        {
            await provisioning.NotifyExistingAccountAsync(owner, "sign-up", "Someone tried to sign up to ArCollect with your email",
                $"someone tried to create a new company on ArCollect with your email address. You already have an account: " +
                $"sign in at {links.Absolute(Request, "/Account/Login")} (if you forgot your password, choose a new one at " +
                $"{links.Absolute(Request, "/Account/ForgotPassword")}).", cancellationToken);
        }
        else if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError($"Input.{field}", message);
            }

            return Page();
        }
        else
        {
            var user = (await users.FindByIdAsync(result.UserId!.Value.ToString()))!;
            await EmailConfirmationAsync(user, cancellationToken);
        }

        TempData["SignUpSentTo"] = Input.Email.Trim();
        return RedirectToPage(pageName: null, pageHandler: "Sent");
    }

    private async Task EmailConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = links.Absolute(Request, $"/Account/ConfirmEmail?userId={user.Id}&token={Uri.EscapeDataString(token)}");
        var now = time.GetUtcNow();
        // The provisioning scope acts for the new tenant now, so the message lands in its own outbox.
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            // A repeated sign-up of an unconfirmed address changes the security stamp, so it gets its own message.
            IdempotencyKey = $"sign-up-confirmation:{user.Id}:{user.SecurityStamp}",
            Kind = MessageKind.Notification,
            ToAddresses = user.Email!,
            Subject = "Confirm your email to start with ArCollect",
            TextBody = $"Hello {user.DisplayName},\n\nyour company's ArCollect account is ready. Confirm your email and sign in with this link and the password you chose when signing up:\n\n{link}\n\n" +
                "If you did not sign up, ignore this message: nobody can sign in to the account without following the link with that password.",
            MessageId = MessageComposer.NewMessageId("arcollect.accounts"),
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
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
