using System.Diagnostics;
using System.Net;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Account;

public sealed class SignInHardeningTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Sign Out");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var cookie = client.Cookie("arcollect.auth");
        Assert.NotNull(cookie);

        using var signOut = await client.SubmitAsync("/Account/Logout", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Customers");
        request.Headers.Add("Cookie", $"arcollect.auth={cookie}");
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_takes_as_long_for_an_unknown_email_as_for_a_wrong_password()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Timing");
        using var client = app.NewClient();
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            // Distinct known addresses keep the lockout of five failures out of the measurement.
            known.Add(await TimeSignInAsync(client, round % 2 == 0 ? company.ManagerEmail : company.AdminEmail));
            unknown.Add(await TimeSignInAsync(client, $"nobody-{round}@nowhere.test"));
        }

        var knownMedian = known.Order().ElementAt(2);
        var unknownMedian = unknown.Order().ElementAt(2);
        Assert.True(unknownMedian > knownMedian * 0.5, $"unknown email {unknownMedian:F1} ms vs existing account {knownMedian:F1} ms");
    }

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("password123")]
    [InlineData("1234567890")]
    [InlineData("Qwertyuiop")]
    public async Task Sign_up_refuses_a_common_password_on_the_password_field(string password)
    {
        using var client = app.NewClient();

        using var response = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", "Common Password Co"), new("Input.BaseCurrency", "EUR"), new("Input.AdminName", "Pat"),
            new("Input.Email", $"pat-{Guid.NewGuid():N}@common.test"), new("Input.Password", password),
        ]);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("most common", Html.FieldError(page, "Input.Password"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Customers")]
    [InlineData("/health/live")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Headers");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
    }

    [Fact]
    public async Task The_outbox_does_not_show_the_servers_mail_folder_to_a_clerk()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Outbox Path");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/Outbox");

        Assert.Contains("pickup folder", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.DirectorySeparatorChar + "mail", page, StringComparison.Ordinal);
    }

    private static async Task<double> TimeSignInAsync(Infrastructure.WebClient client, string email)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SubmitAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", "wrong-password-here")]);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return elapsed;
    }
}
