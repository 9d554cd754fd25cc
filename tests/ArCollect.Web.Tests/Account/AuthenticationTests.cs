using System.Net;
using ArCollect.Infrastructure.Data;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Account;

public sealed class AuthenticationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Settings/Users")]
    [InlineData("/hangfire")]
    public async Task Pages_redirect_anonymous_visitors_to_sign_in(string path)
    {
        using var client = app.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/SignUp")]
    public async Task Health_and_sign_in_pages_are_open_to_anyone(string path)
    {
        using var client = app.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_new_company_signs_up_confirms_its_email_and_lands_signed_in_as_its_admin()
    {
        using var client = app.NewClient();
        var email = $"owner-{Guid.NewGuid():N}@newco.test";

        using var response = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", "Newco Supplies"), new("Input.BaseCurrency", "gbp"),
            new("Input.AdminName", "Olivia Owner"), new("Input.Email", email), new("Input.Password", "a-long-enough-password"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(email, await client.GetPageAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        using var beforeConfirming = app.NewClient();
        using var refused = await beforeConfirming.SubmitAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", "a-long-enough-password")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var confirm = await TenantSeed.EmailedLinkAsync(app, email, "/Account/ConfirmEmail");
        using var confirmed = await client.SubmitAsync(confirm, [new("Password", "a-long-enough-password")], formPage: confirm);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var users = await client.GetPageAsync("/Settings/Users");
        Assert.Contains(email, users, StringComparison.Ordinal);
        Assert.Contains("Olivia Owner", users, StringComparison.Ordinal);

        // The company starts with the default reminder policy and escalation rules, before any reminder run.
        Guid tenantId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The users table is a platform table: readable without a tenant.
            tenantId = await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().Users
                .Where(u => u.Email == email).Select(u => u.TenantId).SingleAsync();
        }

        var (policies, rules) = await LedgerSeed.WithDbAsync(app, tenantId, async db =>
            (await db.ReminderPolicies.Include(p => p.Steps).ToListAsync(), await db.EscalationRules.CountAsync()));
        var policy = Assert.Single(policies);
        Assert.True(policy.IsDefault);
        Assert.Equal([-3, 1, 7, 14, 30], policy.Steps.Select(s => s.OffsetDays).Order());
        Assert.Equal(4, rules);
    }

    [Fact]
    public async Task Sign_up_with_bad_fields_names_each_field_and_creates_nothing()
    {
        using var client = app.NewClient();

        using var response = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", ""), new("Input.BaseCurrency", "EURO"),
            new("Input.AdminName", "Sam"), new("Input.Email", "not-an-email"), new("Input.Password", "short"),
        ]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your company&#x27;s name.", body, StringComparison.Ordinal);
        Assert.Contains("ISO 4217", body, StringComparison.Ordinal);
        Assert.Contains("Enter a valid work email", body, StringComparison.Ordinal);
        Assert.Contains("at least 10 characters", body, StringComparison.Ordinal);
        using var login = app.NewClient();
        using var signIn = await login.SubmitAsync("/Account/Login", [new("Input.Email", "not-an-email"), new("Input.Password", "short")]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Account_locks_after_five_wrong_passwords_even_for_the_right_one()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Lockout Test");
        using var client = app.NewClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.SubmitAsync("/Account/Login", [new("Input.Email", company.ClerkEmail), new("Input.Password", "wrong-password-" + attempt)]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await client.SubmitAsync("/Account/Login", [new("Input.Email", company.ClerkEmail), new("Input.Password", TenantSeed.Password)]);
        var body = await right.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Settings/Users")]
    [InlineData("/hangfire")]
    public async Task Clerks_and_managers_cannot_open_admin_pages(string path)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Roles Test");
        foreach (var email in new[] { company.ClerkEmail, company.ManagerEmail })
        {
            using var client = app.NewClient();
            await client.SignInAsync(email, TenantSeed.Password);

            using var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_invited_user_sets_a_password_and_works_in_the_inviting_company_only()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Invite Test");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Company");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var email = $"new-clerk-{Guid.NewGuid():N}@invite.test";

        using var invite = await admin.SubmitAsync("/Settings/Users", [new("Invite.Name", "Nina New"), new("Invite.Email", email), new("Invite.Role", "Clerk")]);
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);

        using var invited = app.NewClient();
        var path = await TenantSeed.EmailedLinkAsync(app, email, "/Account/AcceptInvite");
        using var accepted = await invited.SubmitAsync(path, [new("Password", "my-own-new-password")], formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        using var denied = await invited.GetAsync("/Settings/Users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var adminView = await admin.GetPageAsync("/Settings/Users");
        Assert.Contains("Nina New", adminView, StringComparison.Ordinal);
        using var otherAdmin = app.NewClient();
        await otherAdmin.SignInAsync(other.AdminEmail, TenantSeed.Password);
        Assert.DoesNotContain("Nina New", await otherAdmin.GetPageAsync("/Settings/Users"), StringComparison.Ordinal);
    }
}
