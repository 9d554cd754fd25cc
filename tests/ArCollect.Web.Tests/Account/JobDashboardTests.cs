using System.Net;
using ArCollect.Infrastructure.Identity;
using ArCollect.Web.Tests.Infrastructure;
using Hangfire;

namespace ArCollect.Web.Tests.Account;

public sealed class JobDashboardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_tenant_admin_cannot_open_the_job_dashboard_of_the_whole_platform()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Dashboard Admin");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var dashboard = await client.GetAsync("/hangfire");
        using var recurring = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recurring.StatusCode);
        Assert.DoesNotContain("href=\"/hangfire\"", await client.GetPageAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_granted_on_the_command_line_opens_a_read_only_dashboard_and_loses_it_when_revoked()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Dashboard Operator");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate("dashboard-test", () => Console.WriteLine(), Cron.Daily());

        Assert.Equal(0, await OperatorAsync("grant", company.ClerkEmail));
        var recurring = await client.GetPageAsync("/hangfire/recurring");
        Assert.Contains("ArCollect jobs", recurring, StringComparison.Ordinal);
        Assert.Contains("dashboard-test", recurring, StringComparison.Ordinal);
        // Outside Development the dashboard offers no buttons that trigger or delete jobs.
        Assert.DoesNotContain("/hangfire/recurring/trigger", recurring, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire\"", await client.GetPageAsync("/"), StringComparison.Ordinal);

        Assert.Equal(0, await OperatorAsync("revoke", company.ClerkEmail));
        using var after = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Granting_an_unknown_email_fails_with_one_line()
    {
        using var errors = new StringWriter();
        await using var scope = app.Services.CreateAsyncScope();

        var exit = await ArCollect.Web.Hosting.OperatorCommand.RunAsync(scope.ServiceProvider, "grant", "nobody@nowhere.test", TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.StartsWith("arcollect: no user with the email 'nobody@nowhere.test'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_sign_up_nor_an_invitation_can_make_an_operator()
    {
        using var client = app.NewClient();
        var email = $"owner-{Guid.NewGuid():N}@operator.test";
        using var signUp = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", "Would-be Operator"), new("Input.BaseCurrency", "EUR"), new("Input.AdminName", "Otto"),
            new("Input.Email", email), new("Input.Password", "a-long-enough-password"), new("Input.Role", "operator"),
            new("Role", PlatformOperators.OperatorValue),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var confirm = await TenantSeed.EmailedLinkAsync(app, email, "/Account/ConfirmEmail");
        (await client.SubmitAsync(confirm, [new("Password", "a-long-enough-password")], formPage: confirm)).Dispose();

        using var invite = await client.SubmitAsync("/Settings/Users",
            [new("Invite.Name", "Ivo"), new("Invite.Email", $"ivo-{Guid.NewGuid():N}@operator.test"), new("Invite.Role", "operator")]);
        var page = await invite.Content.ReadAsStringAsync();

        Assert.Contains("Choose Admin, Manager or Clerk.", page, StringComparison.Ordinal);
        using var dashboard = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    private async Task<int> OperatorAsync(string action, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ArCollect.Web.Hosting.OperatorCommand.RunAsync(scope.ServiceProvider, action, email, TextWriter.Null, TextWriter.Null);
    }
}
