using System.Net;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Options = Microsoft.Extensions.Options.Options;

namespace ArCollect.Web.Tests.Account;

/// <summary>
/// "Forgot your password?" answers the same for every address, and the emailed link sets a new password once; a
/// sign-up nobody confirmed does not hold its address, and confirming asks for the sign-up's password.
/// </summary>
public sealed class PasswordResetTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string NewPassword = "a-brand-new-passphrase";

    private static async Task<string> AskForLinkAsync(Infrastructure.WebClient client, string email)
    {
        using var response = await client.SubmitAsync("/Account/ForgotPassword", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_emailed_link_which_works_once()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Forgetful Co");
        using var client = app.NewClient();

        var sent = await AskForLinkAsync(client, company.ClerkEmail);
        var link = await TenantSeed.EmailedLinkAsync(app, company.ClerkEmail, "/Account/ResetPassword");
        using var saved = await client.SubmitAsync(link, [new("Password", NewPassword), new("Confirmation", NewPassword)], formPage: link);

        Assert.Contains("Check your inbox", sent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var oldPassword = app.NewClient())
        {
            using var refused = await oldPassword.SubmitAsync("/Account/Login", [new("Input.Email", company.ClerkEmail), new("Input.Password", TenantSeed.Password)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the form again, not the redirect of a signed-in user
        }

        using (var newPassword = app.NewClient())
        {
            await newPassword.SignInAsync(company.ClerkEmail, NewPassword);
        }

        var again = await client.GetPageAsync(link);
        Assert.Contains("reset-invalid", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_an_unknown_address_answers_as_for_a_known_one_and_repeats_send_one_message()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Known Address Co");
        using var client = app.NewClient();
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@reset.test";

        var known = (await AskForLinkAsync(client, company.AdminEmail)).Replace(company.AdminEmail, "EMAIL", StringComparison.Ordinal);
        var unknown = (await AskForLinkAsync(client, unknownEmail)).Replace(unknownEmail, "EMAIL", StringComparison.Ordinal);
        await AskForLinkAsync(client, company.AdminEmail);

        Assert.Equal(Strip(known), Strip(unknown));
        var messages = await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
            db.OutboxMessages.CountAsync(m => m.ToAddresses == company.AdminEmail && m.TextBody.Contains("/Account/ResetPassword")));
        Assert.Equal(1, messages);

        static string Strip(string page) => System.Text.RegularExpressions.Regex.Replace(page, "value=\"CfDJ8[^\"]*\"|nonce=\"[^\"]*\"", "TOKEN");
    }

    [Fact]
    public async Task Two_different_passwords_name_the_second_field_and_change_nothing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Typo Co");
        using var client = app.NewClient();
        await AskForLinkAsync(client, company.ManagerEmail);
        var link = await TenantSeed.EmailedLinkAsync(app, company.ManagerEmail, "/Account/ResetPassword");

        using var response = await client.SubmitAsync(link, [new("Password", NewPassword), new("Confirmation", NewPassword + "x")], formPage: link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Type the same password twice.", Html.FieldError(await response.Content.ReadAsStringAsync(), "Confirmation"));
        using var old = app.NewClient();
        await old.SignInAsync(company.ManagerEmail, TenantSeed.Password);
    }

    [Fact]
    public async Task A_sign_up_nobody_confirmed_does_not_hold_the_address_and_its_first_link_stops_working()
    {
        var email = $"owner-{Guid.NewGuid():N}@squat.test";
        using var squatter = app.NewClient();
        using var owner = app.NewClient();
        using (var first = await squatter.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", "Squatter Ltd"), new("Input.BaseCurrency", "EUR"), new("Input.AdminName", "Someone Else"),
            new("Input.Email", email), new("Input.Password", "the-squatters-password"),
        ]))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var squattersLink = await TenantSeed.EmailedLinkAsync(app, email, "/Account/ConfirmEmail");
        // The address's owner cannot complete the squatter's sign-up: the link wants the squatter's password.
        using (var wrong = await owner.SubmitAsync(squattersLink, [new("Password", "the-owners-own-password")], formPage: squattersLink))
        {
            Assert.Equal("Enter the password you chose when signing up.", Html.FieldError(await wrong.Content.ReadAsStringAsync(), "Password"));
        }

        await TenantSeed.SignUpAndConfirmAsync(app, owner, "Rightful Owner GmbH", email, "the-owners-own-password");

        Assert.Contains("confirm-invalid", await squatter.GetPageAsync(squattersLink), StringComparison.Ordinal);
        using var refused = await squatter.SubmitAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", "the-squatters-password")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var company = await platform.Users.Where(u => u.Email == email).Join(platform.Tenants, u => u.TenantId, t => t.Id, (u, t) => t.Name).SingleAsync();
        Assert.Equal("Rightful Owner GmbH", company); // the owner's sign-up, on the one account the address has
        Assert.False(await platform.Tenants.AnyAsync(t => t.Name == "Squatter Ltd"));
    }

    [Fact]
    public void Links_in_account_emails_ignore_the_host_header_unless_host_filtering_names_the_hosts()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("attacker.example");
        var dunning = Options.Create(new DunningOptions { PublicBaseUrl = "https://ar.example.com/" });
        AccountLinks Links(string? allowed) => new(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["AllowedHosts"] = allowed }).Build(), dunning);

        Assert.Equal("https://ar.example.com/Account/Login", Links("*").Absolute(request, "/Account/Login"));
        Assert.Equal("https://ar.example.com/Account/Login", Links(null).Absolute(request, "/Account/Login"));
        request.Host = new HostString("ar.example.com");
        Assert.Equal("https://ar.example.com/Account/Login", Links("ar.example.com").Absolute(request, "/Account/Login"));
    }
}
