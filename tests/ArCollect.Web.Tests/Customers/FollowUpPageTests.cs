using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

public sealed partial class FollowUpPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_clerk_drafts_edits_and_sends_a_follow_up_once_and_it_lands_on_the_timeline()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Draft Sender Co");
        var today = LedgerSeed.Today(app);
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Late Payer Ltd", contactEmail: "ap@latepayer.example");
        await LedgerSeed.AddInvoiceAsync(app, company.TenantId, id, "FU-1", 640m, today.AddDays(-50), today.AddDays(-20));
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var path = $"/Customers/FollowUp/{id}";

        var details = await client.GetPageAsync($"/Customers/Details/{id}");
        Assert.Contains($"href=\"{path}\"", details, StringComparison.Ordinal);
        var page = await client.GetPageAsync(path);
        var facts = Html.Element(page, "id=\"draft-facts\"");
        Assert.Contains($"Overdue invoice: FU-1, due {today.AddDays(-20):yyyy-MM-dd} (20 days), EUR 640.00", facts, StringComparison.Ordinal);
        Assert.Contains($"- Invoice FU-1, due {today.AddDays(-20).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}: EUR 640.00", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var key = DraftKey().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);

        KeyValuePair<string, string>[] fields = [new("Input.DraftKey", key), new("Input.Subject", "About FU-1"), new("Input.Body", "Hello,\n\nplease pay FU-1 this week.")];
        using var first = await client.SubmitAsync(path, fields);
        using var again = await client.SubmitAsync(path, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var timeline = Html.Element(await client.GetPageAsync($"/Customers/Details/{id}"), "id=\"timeline\"");
        Assert.Single(Regex.Matches(timeline, "Follow-up queued for ap@latepayer.example: About FU-1"));
        var outbox = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.OutboxMessages.Where(m => m.CustomerId == id).Select(m => new { m.Subject, m.TextBody, m.ToAddresses }).ToListAsync());
        var message = Assert.Single(outbox);
        Assert.Equal(("About FU-1", "Hello,\n\nplease pay FU-1 this week.", "ap@latepayer.example"), (message.Subject, message.TextBody, message.ToAddresses));
    }

    [Fact]
    public async Task An_empty_subject_is_a_field_error_and_nothing_is_sent()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Draft Error Co");
        var id = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Someone GmbH", contactEmail: "ap@someone.example");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        var path = $"/Customers/FollowUp/{id}";

        using var response = await client.SubmitAsync(path, [new("Input.DraftKey", Guid.NewGuid().ToString()), new("Input.Subject", " "), new("Input.Body", "Text")]);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Write a subject.", Html.FieldError(page, "Input.Subject"));
        Assert.Contains("Text", Html.Element(page, "id=\"Input_Body\""), StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.OutboxMessages.CountAsync(m => m.CustomerId == id)));
    }

    [Fact]
    public async Task An_Admin_cannot_point_the_model_at_an_internal_address_and_a_clerk_cannot_open_the_settings()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Draft Settings Co");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var ftp = await admin.SubmitAsync("/Settings/Drafting", [new("Input.UseLanguageModel", "true"), new("Input.Endpoint", "ftp://models.example/v1"), new("Input.Model", "m")]);
        using var metadata = await admin.SubmitAsync("/Settings/Drafting", [new("Input.UseLanguageModel", "true"), new("Input.Endpoint", "http://169.254.169.254/v1"), new("Input.Model", "m")]);

        Assert.Equal("The endpoint must be an http:// or https:// address.", Html.FieldError(await ftp.Content.ReadAsStringAsync(), "Input.Endpoint"));
        Assert.StartsWith("169.254.169.254 is a link-local address", Html.FieldError(await metadata.Content.ReadAsStringAsync(), "Input.Endpoint"), StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.DraftingSettings.CountAsync()));
        Assert.Contains("Nothing has been sent to a language model.", await admin.GetPageAsync("/Settings/Drafting"), StringComparison.Ordinal);

        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        using var denied = await clerk.GetAsync("/Settings/Drafting");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [GeneratedRegex("name=\"Input.DraftKey\" value=\"([^\"]+)\"")]
    private static partial Regex DraftKey();
}
