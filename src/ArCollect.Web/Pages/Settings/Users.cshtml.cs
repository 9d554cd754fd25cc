using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Settings;

/// <summary>
/// Admins see their company's users, invite new ones with a role (the link is emailed through the outbox; the answer is
/// the same whether or not the email has an account elsewhere), change roles, and deactivate or reactivate users: a deactivated user is signed out at once, the history stays.
/// </summary>
public sealed class UsersModel(
    TenantProvisioning provisioning, UserManager<AppUser> users, ArCollectDbContext db, TenantContext tenant, TimeProvider time, ILogger<UsersModel> logger) : PageModel
{
    public sealed record UserRow(Guid Id, string Name, string Email, string Role, string Status, bool IsSelf);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
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

            if (result.ExistingUser is { } existing && existing.TenantId == tenant.RequiredTenantId)
            {
                // The Admin sees their own users in the list anyway.
                ModelState.AddModelError("Invite.Email", $"{existing.Email} is already a user of your company (see the list).");
            }
            else if (result.ExistingUser is { } elsewhere)
            {
                // Another company's user: answer exactly as for a new invitation, and tell the owner instead.
                await provisioning.NotifyExistingAccountAsync(elsewhere, "invitation", "Someone tried to invite your email to ArCollect",
                    "an administrator of another company on ArCollect tried to invite your email address. An ArCollect account belongs " +
                    "to one company; if you expected this invitation, ask them to invite another address.", cancellationToken);
                return Invited(Invite.Email.Trim());
            }

            if (user is not null)
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var link = HttpContext.RequestServices.GetRequiredService<AccountLinks>().Absolute(
                    Request, $"/Account/AcceptInvite?userId={user.Id}&token={Uri.EscapeDataString(token)}");
                await EmailInvitationAsync(user, link, cancellationToken);
                return Invited(user.Email!);
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The same answer for every accepted invitation, so it cannot tell whether the email has an account elsewhere.</summary>
    private RedirectToPageResult Invited(string email)
    {
        TempData["Flash"] = $"Invitation sent to {email}. The one-time link to choose a password is in the email (see the Outbox).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string role)
    {
        var user = await TenantUserAsync(userId);
        if (user is null || !Roles.All.Contains(role))
        {
            return NotFound();
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await IsLastAdminAsync(user))
        {
            return Refuse("The company needs at least one active Admin: make someone else Admin first.");
        }

        await users.RemoveFromRolesAsync(user, current);
        // The session's principal is rebuilt from the database on each request, so the new role applies at once.
        await users.AddToRoleAsync(user, role);
        logger.LogInformation("User {UserId} now has role {Role}", user.Id, role);
        TempData["Flash"] = $"{user.DisplayName} is now {role}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid userId)
    {
        var user = await TenantUserAsync(userId);
        if (user is null)
        {
            return NotFound();
        }

        if (user.Id.ToString() == users.GetUserId(User))
        {
            return Refuse("You cannot deactivate yourself.");
        }

        if ((await users.GetRolesAsync(user)).Contains(Roles.Admin) && await IsLastAdminAsync(user))
        {
            return Refuse("The company needs at least one active Admin.");
        }

        user.DeactivatedAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        // A new stamp ends every open session of the user at its next request.
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("User {UserId} deactivated", user.Id);
        TempData["Flash"] = $"{user.DisplayName} is deactivated and signed out. Their history stays.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid userId)
    {
        var user = await TenantUserAsync(userId);
        if (user is null)
        {
            return NotFound();
        }

        user.DeactivatedAt = null;
        await users.UpdateAsync(user);
        logger.LogInformation("User {UserId} reactivated", user.Id);
        TempData["Flash"] = $"{user.DisplayName} can sign in again.";
        return RedirectToPage();
    }

    private IActionResult Refuse(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage();
    }

    private Task<AppUser?> TenantUserAsync(Guid userId) => provisioning.TenantUsers().FirstOrDefaultAsync(u => u.Id == userId);

    private async Task<bool> IsLastAdminAsync(AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return !admins.Any(a => a.TenantId == user.TenantId && a.Id != user.Id && a.DeactivatedAt is null);
    }

    private async Task EmailInvitationAsync(AppUser user, string link, CancellationToken cancellationToken)
    {
        var company = await db.Tenants.AsNoTracking().Where(t => t.Id == user.TenantId).Select(t => t.Name).SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            IdempotencyKey = $"invitation:{user.Id}",
            Kind = MessageKind.Invitation,
            ToAddresses = user.Email!,
            Subject = $"You are invited to {company} on ArCollect",
            TextBody = $"Hello {user.DisplayName},\n\nyou are invited to work on {company}'s receivables in ArCollect. " +
                $"Choose your password with this one-time link:\n\n{link}\n\nIf you did not expect this invitation, ignore this message.",
            MessageId = $"<{Guid.CreateVersion7():N}@arcollect.invitations>",
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
    }

    private async Task LoadAsync()
    {
        var now = time.GetUtcNow();
        var self = users.GetUserId(User);
        var tenantUsers = await provisioning.TenantUsers().AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var user in tenantUsers)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "-";
            var status = user.DeactivatedAt is not null ? "Deactivated"
                : user.LockoutEnd > now ? "Locked"
                : user.PasswordHash is null ? "Invited" : "Active";
            rows.Add(new UserRow(user.Id, user.DisplayName, user.Email ?? "", role, status, user.Id.ToString() == self));
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
