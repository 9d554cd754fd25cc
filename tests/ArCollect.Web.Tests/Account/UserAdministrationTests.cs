using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Domain.Messaging;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Account;

public sealed class UserAdministrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_deactivated_user_is_signed_out_at_once_refused_at_sign_in_and_can_be_reactivated()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Deactivation");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        await clerk.GetPageAsync("/Customers");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var clerkId = await TenantSeed.UserIdAsync(app, company.ClerkEmail);

        using var deactivate = await admin.SubmitAsync($"/Settings/Users?handler=Deactivate&userId={clerkId}", [], formPage: "/Settings/Users");
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);

        using var stale = await clerk.GetAsync("/Customers");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/Account/Login", stale.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var again = app.NewClient();
        using var refused = await again.SubmitAsync("/Account/Login", [new("Input.Email", company.ClerkEmail), new("Input.Password", TenantSeed.Password)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["Cleo Clerk", company.ClerkEmail, "Deactivated"], Cells(await admin.GetPageAsync("/Settings/Users"), company.ClerkEmail));

        using var reactivate = await admin.SubmitAsync($"/Settings/Users?handler=Reactivate&userId={clerkId}", [], formPage: "/Settings/Users");
        await again.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        Assert.Equal(["Cleo Clerk", company.ClerkEmail, "Active"], Cells(await admin.GetPageAsync("/Settings/Users"), company.ClerkEmail));
    }

    [Fact]
    public async Task Changing_a_role_takes_effect_on_the_users_open_session()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Role Change");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        using var before = await clerk.GetAsync("/Dashboards/Aging");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var clerkId = await TenantSeed.UserIdAsync(app, company.ClerkEmail);

        using var change = await admin.SubmitAsync($"/Settings/Users?handler=Role&userId={clerkId}", [new("role", "Manager")], formPage: "/Settings/Users");

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/Dashboards/Aging")).StatusCode);
        Assert.Contains("Manager", Regex.Match(await admin.GetPageAsync("/Settings/Users"), $"data-user=\"{Regex.Escape(company.ClerkEmail)}\".*?</tr>", RegexOptions.Singleline).Value
            .Split("selected=\"selected\"")[1][..20], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_nor_a_user_of_another_company()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Self Guard");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Guard");
        var adminId = await TenantSeed.UserIdAsync(app, company.AdminEmail);
        var otherClerkId = await TenantSeed.UserIdAsync(app, other.ClerkEmail);
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var foreign = await admin.SubmitAsync($"/Settings/Users?handler=Deactivate&userId={otherClerkId}", [], formPage: "/Settings/Users");
        using var self = await admin.SubmitAsync($"/Settings/Users?handler=Deactivate&userId={adminId}", [], formPage: "/Settings/Users");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("You cannot deactivate yourself.", await admin.GetPageAsync("/Settings/Users"), StringComparison.Ordinal);
        using var otherClerk = app.NewClient();
        await otherClerk.SignInAsync(other.ClerkEmail, TenantSeed.Password);
        await admin.GetPageAsync("/Customers");
    }

    [Fact]
    public async Task An_invitation_is_emailed_through_the_outbox_with_the_link_the_admin_sees()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Invite Mail");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        var email = $"nina-{Guid.NewGuid():N}@invite.test";

        using var invite = await admin.SubmitAsync("/Settings/Users", [new("Invite.Name", "Nina New"), new("Invite.Email", email), new("Invite.Role", "Clerk")]);
        var flash = await admin.GetPageAsync(invite.Headers.Location!.OriginalString);
        var link = await TenantSeed.EmailedLinkAsync(app, email, "/Account/AcceptInvite");

        var message = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.OutboxMessages.SingleAsync(m => m.ToAddresses == email));
        Assert.Equal(MessageKind.Invitation, message.Kind);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Contains("Invite Mail", message.Subject, StringComparison.Ordinal);
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Invitation sent to {email}.", flash, StringComparison.Ordinal);
    }

    // Name, email and status of the user's row (the role cell holds a form).
    private static string[] Cells(string page, string email)
    {
        var cells = Html.Row(page, "users", "user", email)!;
        return [cells[0], cells[1], cells[3]];
    }
}
