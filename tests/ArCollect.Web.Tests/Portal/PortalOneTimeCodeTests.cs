using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Domain.Portal;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>With the tenant's one-time code on, a plan request waits for a code emailed to the contact on file.</summary>
public sealed partial class PortalOneTimeCodeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_plan_request_needs_the_emailed_code_wrong_codes_are_limited_and_the_code_is_stored_hashed()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Code Seller");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Careful Buyer", contactEmail: "ap@careful.test");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "CB-1", 300m, today.AddDays(-30), today.AddDays(-5));
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            db.PortalSettings.Add(new PortalSettings { TenantId = company.TenantId, RequireOneTimeCode = true });
            return db.SaveChangesAsync();
        });
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        using var client = app.NewClient();
        var plan = new KeyValuePair<string, string>[] { new("Input.Instalments", "3"), new("Input.FirstDate", today.AddDays(5).ToString("yyyy-MM-dd")) };

        var gate = await client.GetPageAsync(link + "/plan");
        Assert.Contains("id=\"one-time-code\"", gate, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Instalments", gate, StringComparison.Ordinal);
        // Posting the plan form anyway stores nothing.
        using (var sneaky = await client.SubmitAsync(link + "/plan", plan))
        {
            Assert.Equal(HttpStatusCode.OK, sneaky.StatusCode);
        }

        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PaymentPlans.CountAsync()));

        using (var send = await client.SubmitAsync(link + "/plan?handler=SendCode", [], link + "/plan"))
        {
            Assert.Contains("A code is on its way", await send.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var mail = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey.StartsWith("portal-code:")));
        Assert.Contains("ap@careful.test", mail.ToAddresses, StringComparison.Ordinal);
        var code = CodePattern().Match(mail.TextBody).Groups[1].Value;
        Assert.Equal(6, code.Length);
        var stored = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PortalCodes.AsNoTracking().SingleAsync());
        Assert.Equal(32, stored.CodeHash.Length);
        Assert.NotEqual(code, System.Text.Encoding.UTF8.GetString(stored.CodeHash));

        var wrong = code == "000000" ? "111111" : "000000";
        using (var bad = await client.SubmitAsync(link + "/plan?handler=ConfirmCode", [new("code", wrong)], link + "/plan"))
        {
            Assert.Contains("This code is not right.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var good = await client.SubmitAsync(link + "/plan?handler=ConfirmCode", [new("code", code)], link + "/plan"))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }

        using var sent = await client.SubmitAsync(link + "/plan", plan);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PaymentPlans.CountAsync()));
    }

    [Fact]
    public async Task After_five_wrong_tries_even_the_right_code_is_refused()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Code Limit Seller");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Guessing Buyer", contactEmail: "ap@guessing.test");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "GB-1", 300m, today.AddDays(-30), today.AddDays(-5));
        await LedgerSeed.WithDbAsync(app, company.TenantId, db =>
        {
            db.PortalSettings.Add(new PortalSettings { TenantId = company.TenantId, RequireOneTimeCode = true });
            return db.SaveChangesAsync();
        });
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        using var client = app.NewClient();
        using (await client.SubmitAsync(link + "/dispute?handler=SendCode", [], link + "/dispute"))
        {
        }

        var mail = await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey.StartsWith("portal-code:")));
        var code = CodePattern().Match(mail.TextBody).Groups[1].Value;
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            using var bad = await client.SubmitAsync(link + "/dispute?handler=ConfirmCode", [new("code", wrong)], link + "/dispute");
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        }

        using var late = await client.SubmitAsync(link + "/dispute?handler=ConfirmCode", [new("code", code)], link + "/dispute");
        Assert.Contains("Too many tries: ask for a new code.", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("id=\"one-time-code\"", await client.GetPageAsync(link + "/dispute"), StringComparison.Ordinal);
    }

    [GeneratedRegex("Your code is (\\d{6})\\.")]
    private static partial Regex CodePattern();
}
