using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>The link in the newest email of the user's company to <paramref name="email"/> whose text contains <paramref name="path"/>.</summary>
    public static async Task<string> EmailedLinkAsync(AppFixture app, string email, string path)
    {
        Guid tenantId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            tenantId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.TenantId;
        }

        var body = await LedgerSeed.WithDbAsync(app, tenantId, db => db.OutboxMessages
            .Where(m => m.ToAddresses == email && m.TextBody.Contains(path))
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());
        var link = System.Text.RegularExpressions.Regex.Match(body, "https?://\\S+" + System.Text.RegularExpressions.Regex.Escape(path) + "\\S*").Value;
        return new Uri(link).PathAndQuery;
    }

    /// <summary>Signs up through the page and follows the emailed confirmation link, as a new company's Admin does; the client ends signed in.</summary>
    public static async Task SignUpAndConfirmAsync(AppFixture app, WebClient client, string company, string email, string password = "a-long-enough-password")
    {
        using var signUp = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", company), new("Input.BaseCurrency", "EUR"), new("Input.AdminName", "Olivia Owner"),
            new("Input.Email", email), new("Input.Password", password),
        ]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signUp.StatusCode);
        var confirm = await EmailedLinkAsync(app, email, "/Account/ConfirmEmail");
        using var confirmed = await client.SubmitAsync(confirm, [new("Password", password)], formPage: confirm);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    public static async Task<Guid> UserIdAsync(AppFixture app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }
}
