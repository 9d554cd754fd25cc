using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

public sealed class MailSettingsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static List<KeyValuePair<string, string>> Form(string password, string from = "AR <ar@mail-co.example>") =>
    [
        new("Input.SmtpHost", "smtp.mail-co.example"), new("Input.SmtpPort", "2525"), new("Input.SmtpSecurity", "2"),
        new("Input.SmtpUsername", "ar"), new("Input.SmtpPassword", password), new("Input.FromAddress", from),
        new("Input.ImapPort", "993"), new("Input.ImapSecurity", "0"),
    ];

    private async Task<TenantMailSettings?> StoredAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().TenantMailSettings.AsNoTracking().SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Smtp_password_is_stored_encrypted_never_shown_and_kept_when_left_empty()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Mail Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var first = await client.SubmitAsync("/Settings/Mail", Form("p@ssw0rd-123"));
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("Mail settings saved.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ssw0rd-123", page, StringComparison.Ordinal);
        var stored = await StoredAsync(company.TenantId);
        Assert.NotNull(stored);
        Assert.DoesNotContain("p@ssw0rd-123", stored.SmtpPasswordProtected, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal("p@ssw0rd-123", scope.ServiceProvider.GetRequiredService<MailSecrets>().Unprotect(stored.SmtpPasswordProtected));
        }

        using var second = await client.SubmitAsync("/Settings/Mail", Form(""));
        Assert.Equal(stored.SmtpPasswordProtected, (await StoredAsync(company.TenantId))!.SmtpPasswordProtected);
        Assert.Equal((2525, SmtpSecurity.StartTls), (stored.SmtpPort, stored.SmtpSecurity));
    }

    [Fact]
    public async Task Invalid_from_address_is_refused_with_the_field_named()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Mail Bad");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Settings/Mail", Form("x", from: "not an address\r\nBcc: a@b.c"));

        Assert.Contains("From address must be a valid email address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(company.TenantId));
    }
}
