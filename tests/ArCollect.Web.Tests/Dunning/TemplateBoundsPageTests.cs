using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

/// <summary>Settings > Templates refuses a template that would loop or grow without bound, naming where.</summary>
public sealed class TemplateBoundsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_thirty_million_step_loop_is_refused_at_save_with_line_and_column_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Loop Co");
        var customer = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Loop Customer", "INV-1", 100m, 3);
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Settings/Templates?handler=Save",
        [
            new("Tone", "Firm"), new("Language", "en"), new("Input.Subject", "Reminder for {{ customer.name }}"),
            new("Input.HtmlBody", "<p>Hello</p>\n{% for i in (1..30000000) %}{{ i }}{% endfor %}"),
            new("Input.TextBody", "Hello {{ customer.name }}"), new("Input.PreviewCustomerId", customer.ToString()),
        ], formPage: "/Settings/Templates?tone=Firm&language=en");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Line 2, column 13: The range holds 30000000 items; a loop may run at most 1000 times.", Html.FieldError(page, "Input.HtmlBody"));
        Assert.DoesNotContain("Template saved.", page, StringComparison.Ordinal);
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.MessageTemplates.CountAsync()));
    }
}
