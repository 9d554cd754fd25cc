using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>Admins see their company's users and invite new ones with a role.</summary>
public sealed class UsersModel(TenantProvisioning provisioning, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    public sealed record UserRow(string Name, string Email, string Role, string Status);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public string? InviteLink { get; private set; }
    public string? InvitedEmail { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var validation = new InviteInputValidator().Validate(Invite);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"Invite.{error.PropertyName}", error.ErrorMessage);
        }

        if (validation.IsValid)
        {
            var (result, user) = await provisioning.AddUserAsync(Invite.Name, Invite.Email, Invite.Role, password: null);
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError($"Invite.{field}", message);
            }

            if (user is not null)
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                InviteLink = $"{Request.Scheme}://{Request.Host}/Account/AcceptInvite?userId={user.Id}&token={Uri.EscapeDataString(token)}";
                InvitedEmail = user.Email;
                Invite = new InviteInput();
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var now = time.GetUtcNow();
        var tenantUsers = await provisioning.TenantUsers().AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var user in tenantUsers)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "-";
            var status = user.LockoutEnd > now ? "Locked" : user.PasswordHash is null ? "Invited" : "Active";
            rows.Add(new UserRow(user.DisplayName, user.Email ?? "", role, status));
        }

        Users = rows;
    }

    public sealed class InviteInput
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public string Role { get; set; } = Roles.Clerk;
    }

    public sealed class InviteInputValidator : AbstractValidator<InviteInput>
    {
        public InviteInputValidator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(200);
            RuleFor(x => x.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid email address.");
            RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage("Choose Admin, Manager or Clerk.");
        }
    }
}
