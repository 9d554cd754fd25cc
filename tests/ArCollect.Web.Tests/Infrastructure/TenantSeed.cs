using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>Creates companies and users through the app's own provisioning service.</summary>
public static class TenantSeed
{
    public const string Password = "correct-horse-battery";

    public sealed record Company(Guid TenantId, string AdminEmail, string ManagerEmail, string ClerkEmail);

    public static async Task<Company> CreateCompanyAsync(AppFixture app, string name)
    {
        var slug = name.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal) + "-" + Guid.NewGuid().ToString("N")[..6];
        await using var scope = app.Services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<TenantProvisioning>();
        var admin = $"admin@{slug}.test";
        var result = await provisioning.SignUpAsync(name, "EUR", "Ada Admin", admin, Password, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var manager = $"manager@{slug}.test";
        var clerk = $"clerk@{slug}.test";
        await provisioning.AddUserAsync("Max Manager", manager, Roles.Manager, Password);
        await provisioning.AddUserAsync("Cleo Clerk", clerk, Roles.Clerk, Password);
        return new Company(result.TenantId!.Value, admin, manager, clerk);
    }

    public static async Task<Guid> UserIdAsync(AppFixture app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }
}
