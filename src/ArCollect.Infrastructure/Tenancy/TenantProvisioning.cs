using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Tenancy;

public sealed record ProvisioningResult(Guid? TenantId, Guid? UserId, IReadOnlyList<(string Field, string Message)> Errors)
{
    /// <summary>The account that already has the email: nothing was created, and the caller must answer as if it had been.</summary>
    public AppUser? ExistingUser { get; init; }

    public bool Succeeded => Errors.Count == 0 && ExistingUser is null;
}

/// <summary>Creates tenants and their users: a company signing up with its first Admin, and users invited by an Admin.</summary>
public sealed class TenantProvisioning(
    ArCollectDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TenantContext tenant,
    TimeProvider time,
    IServiceScopeFactory scopes)
{
    private static readonly AppUser Nobody = new() { DisplayName = "nobody" };
    /// <summary>
    /// Creates a tenant and its Admin in one transaction: either both exist afterwards or neither does. When the email
    /// already has an account nothing is created and <see cref="ProvisioningResult.ExistingUser"/> says whose, after the
    /// same password hashing work, so that the caller can answer exactly as for a new account. A self-service sign-up
    /// passes <paramref name="emailConfirmed"/> false: the Admin signs in only after following the emailed link.
    /// </summary>
    public async Task<ProvisioningResult> SignUpAsync(
        string companyName, string baseCurrency, string adminName, string adminEmail, string password, CancellationToken cancellationToken,
        bool emailConfirmed = true)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(adminEmail) is { } existing)
        {
            if (!emailConfirmed && await IsUnconfirmedSignUpAsync(existing))
            {
                return await ReclaimSignUpAsync(existing, companyName, baseCurrency, adminName, password, cancellationToken);
            }

            users.PasswordHasher.HashPassword(Nobody, password);
            return new ProvisioningResult(null, null, []) { ExistingUser = existing };
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var newTenant = new Tenant
            {
                Id = Guid.CreateVersion7(),
                Name = companyName.Trim(),
                BaseCurrency = baseCurrency,
                CreatedAt = time.GetUtcNow(),
            };
            db.Tenants.Add(newTenant);
            await db.SaveChangesAsync(cancellationToken);

            var user = NewUser(newTenant.Id, adminName, adminEmail);
            user.EmailConfirmed = emailConfirmed;
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new ProvisioningResult(null, null, ToErrors(created));
            }

            await users.AddToRoleAsync(user, Roles.Admin);
            await transaction.CommitAsync(cancellationToken);
            tenant.Set(newTenant.Id, user.Id);
            return new ProvisioningResult(newTenant.Id, user.Id, []);
        });

        // The default reminder policy and escalation rules exist from the first day, so customers can be given a
        // policy before any reminder run; the run and the settings page would create them too (idempotent).
        if (result.TenantId is { } tenantId)
        {
            await DunningSetup.EnsureDefaultsAsync(db, tenantId, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// A self-service sign-up nobody has confirmed yet: the email's owner never followed the link, so whoever typed the
    /// address may not own it. Such an account does not hold the address; see <see cref="ReclaimSignUpAsync"/>.
    /// </summary>
    private async Task<bool> IsUnconfirmedSignUpAsync(AppUser existing) =>
        !existing.EmailConfirmed && await users.Users.CountAsync(u => u.TenantId == existing.TenantId) == 1;

    /// <summary>
    /// A new sign-up with the address of an unconfirmed one takes it over: the company's name and currency, the
    /// Admin's name and password are the new sign-up's, and the security stamp changes, so every link sent for the
    /// earlier attempt stops working. Whoever signed up first with someone else's address can therefore neither block
    /// its owner nor, since confirming asks for the password chosen at sign-up, be let in by the owner's click.
    /// </summary>
    private async Task<ProvisioningResult> ReclaimSignUpAsync(
        AppUser existing, string companyName, string baseCurrency, string adminName, string password, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var company = await db.Tenants.SingleAsync(t => t.Id == existing.TenantId, cancellationToken);
            company.Name = companyName.Trim();
            company.BaseCurrency = baseCurrency;
            await db.SaveChangesAsync(cancellationToken);
            existing.DisplayName = adminName.Trim();
            var token = await users.GeneratePasswordResetTokenAsync(existing);
            var reset = await users.ResetPasswordAsync(existing, token, password);
            if (!reset.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new ProvisioningResult(null, null, ToErrors(reset));
            }

            await transaction.CommitAsync(cancellationToken);
            tenant.Set(existing.TenantId, existing.Id);
            return new ProvisioningResult(existing.TenantId, existing.Id, []);
        });
    }

    /// <summary>Creates a user in the current tenant with a role; without a password the user sets one through the invitation link.</summary>
    public async Task<(ProvisioningResult Result, AppUser? User)> AddUserAsync(string name, string email, string role, string? password)
    {
        await EnsureRolesAsync();
        if (!Roles.All.Contains(role))
        {
            return (Fail("Role", "Choose Admin, Manager or Clerk."), null);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return (new ProvisioningResult(null, null, []) { ExistingUser = existing }, null);
        }

        var user = NewUser(tenant.RequiredTenantId, name, email);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (new ProvisioningResult(null, null, ToErrors(created)), null);
        }

        await users.AddToRoleAsync(user, role);
        return (new ProvisioningResult(tenant.RequiredTenantId, user.Id, []), user);
    }

    /// <summary>
    /// Emails the owner of an existing account that someone tried to sign up or be invited with their address,
    /// through the outbox of the owner's own company; the message never names who tried. At most one per reason and
    /// account per day, so repeated attempts cannot flood the owner's inbox.
    /// </summary>
    public Task NotifyExistingAccountAsync(AppUser owner, string reason, string subject, string body, CancellationToken cancellationToken) =>
        EmailAccountAsync(owner, $"account-notice:{reason}:{owner.Id}:{time.GetUtcNow().UtcDateTime:yyyy-MM-dd}", subject,
            $"Hello {owner.DisplayName},\n\n{body}\n\nYour account is unchanged. If this was not you, you can ignore this message.", cancellationToken);

    /// <summary>
    /// Writes a message to an account's own address through the outbox of the account's company, whichever company
    /// the request acts for. The idempotency key decides how often it can go out (a repeat under the same key is not
    /// written again).
    /// </summary>
    public async Task EmailAccountAsync(AppUser user, string idempotencyKey, string subject, string textBody, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(user.TenantId);
        var ownerDb = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var now = time.GetUtcNow();
        await OutboxWriter.EnqueueAsync(ownerDb, new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Kind = MessageKind.Notification,
            ToAddresses = user.Email!,
            Subject = subject,
            TextBody = textBody,
            MessageId = MessageComposer.NewMessageId("arcollect.accounts"),
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
    }

    /// <summary>The users of the current tenant (the users table is not tenant-filtered, so the filter is here).</summary>
    public IQueryable<AppUser> TenantUsers() => users.Users.Where(u => u.TenantId == tenant.RequiredTenantId);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }

    private AppUser NewUser(Guid tenantId, string name, string email) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        DisplayName = name.Trim(),
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        CreatedAt = time.GetUtcNow(),
        LockoutEnabled = true,
    };

    private static ProvisioningResult Fail(string field, string message) => new(null, null, [(field, message)]);

    private static List<(string Field, string Message)> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description)).ToList();
}
