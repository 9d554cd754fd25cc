using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Tenancy;

public sealed record ProvisioningResult(Guid? TenantId, Guid? UserId, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Creates tenants and their users: a company signing up with its first Admin, and users invited by an Admin.</summary>
public sealed class TenantProvisioning(
    ArCollectDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TenantContext tenant,
    TimeProvider time)
{
    /// <summary>Creates a tenant and its Admin in one transaction: either both exist afterwards or neither does.</summary>
    public async Task<ProvisioningResult> SignUpAsync(
        string companyName, string baseCurrency, string adminName, string adminEmail, string password, CancellationToken cancellationToken)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(adminEmail) is not null)
        {
            return Fail("Email", "An account with this email already exists. Sign in instead.");
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

    /// <summary>Creates a user in the current tenant with a role; without a password the user sets one through the invitation link.</summary>
    public async Task<(ProvisioningResult Result, AppUser? User)> AddUserAsync(string name, string email, string role, string? password)
    {
        await EnsureRolesAsync();
        if (!Roles.All.Contains(role))
        {
            return (Fail("Role", "Choose Admin, Manager or Clerk."), null);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return (Fail("Email", "A user with this email already exists."), null);
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
