using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Account;

/// <summary>Sign-up and invitations answer the same whether or not the email has an account; its owner is emailed instead.</summary>
public sealed partial class AccountEnumerationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static async Task<(HttpStatusCode Status, string? Location, string Page)> SignUpAsync(Infrastructure.WebClient client, string company, string email)
    {
        using var response = await client.SubmitAsync("/Account/SignUp",
        [
            new("Input.CompanyName", company), new("Input.BaseCurrency", "EUR"), new("Input.AdminName", "Sam Signup"),
            new("Input.Email", email), new("Input.Password", "another-long-password"),
        ]);
        var location = response.Headers.Location?.OriginalString;
        var page = location is null ? await response.Content.ReadAsStringAsync() : await client.GetPageAsync(location);
        return (response.StatusCode, location, Normalise(page, email));
    }

    // The pages differ only in the address they repeat and in per-response tokens.
    private static string Normalise(string page, string email) =>
        Tokens().Replace(page.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"|nonce=\"[^\"]*\"")]
    private static partial Regex Tokens();

    [Fact]
    public async Task Sign_up_with_a_registered_email_answers_exactly_as_a_new_one_and_only_the_owner_hears_of_it()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Registered Owner");
        var fresh = $"fresh-{Guid.NewGuid():N}@signup.test";
        using var first = app.NewClient();
        using var second = app.NewClient();

        var known = await SignUpAsync(first, "Copycat Holdings", owner.AdminEmail);
        var unknown = await SignUpAsync(second, "Genuine Newco", fresh);

        Assert.Equal(HttpStatusCode.Redirect, known.Status);
        Assert.Equal((unknown.Status, unknown.Location, unknown.Page), (known.Status, known.Location, known.Page));
        Assert.Contains("Check your inbox", known.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("already exists", known.Page, StringComparison.OrdinalIgnoreCase);

        await using var scope = app.Services.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        Assert.False(await platform.Tenants.AnyAsync(t => t.Name == "Copycat Holdings"));
        Assert.True(await platform.Tenants.AnyAsync(t => t.Name == "Genuine Newco"));
        var notices = await LedgerSeed.WithDbAsync(app, owner.TenantId, db =>
            db.OutboxMessages.Where(m => m.ToAddresses == owner.AdminEmail).ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Equal(MessageKind.Notification, notice.Kind);
        Assert.Equal("Someone tried to sign up to ArCollect with your email", notice.Subject);
        Assert.DoesNotContain("Copycat", notice.TextBody, StringComparison.Ordinal);
        using var ownerClient = app.NewClient();
        await ownerClient.SignInAsync(owner.AdminEmail, TenantSeed.Password); // the owner's password is unchanged
    }

    [Fact]
    public async Task Inviting_another_companys_user_answers_as_a_new_invitation_and_changes_nothing_for_them()
    {
        var inviter = await TenantSeed.CreateCompanyAsync(app, "Inviting Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Owning Co");
        using var admin = app.NewClient();
        await admin.SignInAsync(inviter.AdminEmail, TenantSeed.Password);
        var fresh = $"fresh-{Guid.NewGuid():N}@invite.test";

        using var known = await admin.SubmitAsync("/Settings/Users", [new("Invite.Name", "Known"), new("Invite.Email", other.ClerkEmail), new("Invite.Role", "Clerk")]);
        var knownFlash = Normalise(await admin.GetPageAsync(known.Headers.Location!.OriginalString), other.ClerkEmail);
        using var unknown = await admin.SubmitAsync("/Settings/Users", [new("Invite.Name", "Unknown"), new("Invite.Email", fresh), new("Invite.Role", "Clerk")]);
        var unknownFlash = Normalise(await admin.GetPageAsync(unknown.Headers.Location!.OriginalString), fresh);

        Assert.Equal((unknown.StatusCode, unknown.Headers.Location), (known.StatusCode, known.Headers.Location));
        Assert.Contains("Invitation sent to EMAIL.", knownFlash, StringComparison.Ordinal);
        Assert.Contains("Invitation sent to EMAIL.", unknownFlash, StringComparison.Ordinal);
        Assert.DoesNotContain("already", knownFlash, StringComparison.OrdinalIgnoreCase);

        var (inviterMessages, ownerNotices) = (
            await LedgerSeed.WithDbAsync(app, inviter.TenantId, db => db.OutboxMessages.CountAsync(m => m.ToAddresses == other.ClerkEmail)),
            await LedgerSeed.WithDbAsync(app, other.TenantId, db => db.OutboxMessages.Where(m => m.ToAddresses == other.ClerkEmail).Select(m => m.Subject).ToListAsync()));
        Assert.Equal(0, inviterMessages);
        Assert.Equal(["Someone tried to invite your email to ArCollect"], ownerNotices);
        using var clerk = app.NewClient();
        await clerk.SignInAsync(other.ClerkEmail, TenantSeed.Password);
        Assert.DoesNotContain("Inviting Co", await clerk.GetPageAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inviting_someone_already_in_the_company_names_the_email_field()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Same Co");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await admin.SubmitAsync("/Settings/Users", [new("Invite.Name", "Again"), new("Invite.Email", company.ClerkEmail), new("Invite.Role", "Clerk")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already a user of your company", Html.FieldError(await response.Content.ReadAsStringAsync(), "Invite.Email"), StringComparison.Ordinal);
    }
}
