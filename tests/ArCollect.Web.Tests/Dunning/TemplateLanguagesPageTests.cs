using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Dunning;

/// <summary>Settings > Templates per language: edit, preview, save and reset a tone's template in one language.</summary>
public sealed class TemplateLanguagesPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string GermanHtml = "<p>{% for invoice in invoices %}{{ invoice.number }}: {{ invoice.open_amount_text }}, fällig am {{ invoice.due_date }}{% endfor %}</p>";
    private const string GermanText = "{% for invoice in invoices %}{{ invoice.number }}: {{ invoice.open_amount_text }}, fällig am {{ invoice.due_date }} ({{ invoice.due_text }}){% endfor %}";

    [Fact]
    public async Task A_German_template_is_previewed_in_German_formats_saved_for_German_only_and_reset()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Vorlagen GmbH");
        var customer = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Bäckerei Sonnenschein", "RE-2041", 1234.50m, 10);
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        Assert.Equal("Mahnung: überfällige Rechnungen, bitte umgehend begleichen ({{ tenant.name }})", SubjectOf(await client.GetPageAsync("/Settings/Templates?tone=Firm&language=de")));

        using var response = await client.SubmitAsync("/Settings/Templates?handler=Save", Form("Zweite Mahnung für {{ customer.name }}", customer), formPage: "/Settings/Templates?tone=Firm&language=de");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Template saved.", page, StringComparison.Ordinal);
        Assert.Equal("Zweite Mahnung für Bäckerei Sonnenschein", Html.Element(page, "id=\"preview-subject\""));
        var due = LedgerSeed.Today(app).AddDays(-10).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"RE-2041: 1.234,50 €, fällig am {due} (10 Tage überfällig)", Html.Element(page, "id=\"preview-text\""));
        Assert.Equal("Zweite Mahnung für {{ customer.name }}", SubjectOf(await client.GetPageAsync("/Settings/Templates?tone=Firm&language=de")));
        Assert.Equal("Overdue invoices: please pay now ({{ tenant.name }})", SubjectOf(await client.GetPageAsync("/Settings/Templates?tone=Firm&language=en")));
        Assert.Equal(["Firm/de"], await SavedAsync(company.TenantId));

        using var reset = await client.SubmitAsync("/Settings/Templates?handler=Reset", [new("Tone", "Firm"), new("Language", "de")], formPage: "/Settings/Templates?tone=Firm&language=de");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Empty(await SavedAsync(company.TenantId));
        Assert.Equal("Mahnung: überfällige Rechnungen, bitte umgehend begleichen ({{ tenant.name }})", SubjectOf(await client.GetPageAsync("/Settings/Templates?tone=Firm&language=de")));
    }

    [Fact]
    public async Task An_unknown_placeholder_in_a_German_template_is_refused_with_line_and_column_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Fehler GmbH");
        var customer = await LedgerSeed.AddOverdueCustomerAsync(app, company.TenantId, "Kunde AG", "RE-1", 100m, 3);
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        // "Mahnung für " is 12 characters and "{{ " three more: the name starts in column 16.
        using var response = await client.SubmitAsync("/Settings/Templates?handler=Save", Form("Mahnung für {{ kunde.name }}", customer), formPage: "/Settings/Templates?tone=Firm&language=de");

        var page = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Line 1, column 16: Unknown placeholder 'kunde.name'", Html.FieldError(page, "Input.Subject"), StringComparison.Ordinal);
        Assert.DoesNotContain("Template saved.", page, StringComparison.Ordinal);
        Assert.Empty(await SavedAsync(company.TenantId));
    }

    [Fact]
    public async Task The_default_language_for_customers_without_one_is_set_on_the_page_and_shown_on_the_customer()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Standard GmbH");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Ohne Sprache KG");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);
        Assert.Equal("English, the company default", Html.Element(await client.GetPageAsync($"/Customers/Details/{customer}"), "id=\"reminder-language\""));

        using var refused = await client.SubmitAsync("/Settings/Templates?handler=DefaultLanguage", [new("defaultLanguage", "klingon"), new("Tone", "Friendly")], formPage: "/Settings/Templates");
        Assert.Contains("Default language must be one of en, de, fr, es, it, nl.", Html.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var set = await client.SubmitAsync("/Settings/Templates?handler=DefaultLanguage", [new("defaultLanguage", "de"), new("Tone", "Friendly")], formPage: "/Settings/Templates");

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("de", await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Tenants.Where(t => t.Id == company.TenantId).Select(t => t.DefaultLanguage).SingleAsync()));
        Assert.Equal("German (Deutsch), the company default", Html.Element(await client.GetPageAsync($"/Customers/Details/{customer}"), "id=\"reminder-language\""));
    }

    private static List<KeyValuePair<string, string>> Form(string subject, Guid previewCustomer) =>
    [
        new("Tone", "Firm"), new("Language", "de"), new("Input.Subject", subject), new("Input.HtmlBody", GermanHtml),
        new("Input.TextBody", GermanText), new("Input.PreviewCustomerId", previewCustomer.ToString()),
    ];

    private static string SubjectOf(string page)
    {
        var match = Regex.Match(page, "<input[^>]*id=\"Input_Subject\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, "no subject field on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task<List<string>> SavedAsync(Guid tenantId)
    {
        var saved = await LedgerSeed.WithDbAsync(app, tenantId, db => db.MessageTemplates.OrderBy(t => t.Language).Select(t => new { t.Tone, t.Language }).ToListAsync());
        return saved.Select(t => $"{t.Tone}/{t.Language}").ToList();
    }
}
