using ArCollect.Infrastructure.Email;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

/// <summary>Settings > Mail refuses hosts on the app's own network and non-mail ports, and its test buttons refuse them too.</summary>
public sealed class MailHostPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Loopback_metadata_and_odd_ports_are_refused_at_save_with_the_field_named()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Probe Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Settings/Mail",
        [
            new("Input.SmtpHost", "127.0.0.1"), new("Input.SmtpPort", "587"), new("Input.SmtpSecurity", "0"),
            new("Input.ImapHost", "169.254.169.254"), new("Input.ImapPort", "6379"), new("Input.ImapSecurity", "0"), new("Input.ImapUsername", "x"),
        ]);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("SMTP host refused: 127.0.0.1 is a loopback address; use a public mail server.", Html.FieldError(page, "Input.SmtpHost"));
        Assert.Equal("IMAP host refused: 169.254.169.254 is a link-local address; use a public mail server.", Html.FieldError(page, "Input.ImapHost"));
        Assert.Equal("IMAP port must be one of 143, 993.", Html.FieldError(page, "Input.ImapPort"));
        Assert.DoesNotContain("Mail settings saved.", page, StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.TenantMailSettings.CountAsync()));
    }

    [Fact]
    public async Task Test_buttons_refuse_stored_loopback_settings_when_connecting()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Stored Probe Co");
        await LedgerSeed.WithDbAsync(app, company.TenantId, async db =>
        {
            db.TenantMailSettings.Add(new TenantMailSettings
            {
                Id = Guid.CreateVersion7(),
                SmtpHost = "127.0.0.1",
                SmtpPort = 25,
                ImapHost = "127.0.0.1",
                ImapPort = 143,
                ImapUsername = "x",
            });
            return await db.SaveChangesAsync();
        });
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var smtp = await client.SubmitAsync("/Settings/Mail?handler=TestSmtp", [], formPage: "/Settings/Mail");
        using var imap = await client.SubmitAsync("/Settings/Mail?handler=TestImap", [], formPage: "/Settings/Mail");

        Assert.Equal("Test message not sent: SMTP unavailable: 127.0.0.1 is a loopback address; use a public mail server.",
            Html.Element(await smtp.Content.ReadAsStringAsync(), "id=\"test-result\""));
        Assert.Equal("Mailbox test failed: 127.0.0.1 is a loopback address; use a public mail server.",
            Html.Element(await imap.Content.ReadAsStringAsync(), "id=\"test-result\""));
    }
}
