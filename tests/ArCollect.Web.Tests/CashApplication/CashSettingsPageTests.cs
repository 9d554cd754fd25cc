using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.CashApplication;

public sealed class CashSettingsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Bad_values_are_named_by_field_and_row_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Cash Settings Bad");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Settings/CashApplication",
        [
            new("Input.ThresholdPercent", "120"), new("Input.LeadPercent", "-1"), new("Input.Tolerance", "5.00"),
            new("Input.Currencies[0].Currency", "JPY"), new("Input.Currencies[0].Amount", "500"),
            new("Input.Currencies[1].Currency", "XX"), new("Input.Currencies[1].Amount", "3"),
            new("Input.Currencies[2].Currency", "JPY"), new("Input.Currencies[2].Amount", "-2"),
        ]);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Threshold: enter a confidence between 50 and 100 percent, e.g. 90.", Html.FieldError(page, "Input.ThresholdPercent"));
        Assert.Equal("Lead: enter between 0 and 50 percentage points, e.g. 10.", Html.FieldError(page, "Input.LeadPercent"));
        Assert.Equal("", Html.FieldError(page, "Input.Tolerance"));
        Assert.Equal("Row 2, currency: enter an ISO 4217 code such as USD or JPY.", Html.FieldError(page, "Input.Currencies[1].Currency"));
        Assert.Equal("Row 3, currency: JPY is already on an earlier row.", Html.FieldError(page, "Input.Currencies[2].Currency"));
        Assert.Equal("Row 3, tolerance: enter JPY 0 or more (at most 1,000,000).", Html.FieldError(page, "Input.Currencies[2].Amount"));
        var (settings, tolerances) = await LedgerSeed.WithDbAsync(app, company.TenantId, async db =>
            (await db.CashApplicationSettings.CountAsync(), await db.CashCurrencyTolerances.CountAsync()));
        Assert.Equal((0, 0), (settings, tolerances));
    }

    [Fact]
    public async Task Saved_settings_show_again_and_reach_the_matching_rules_and_a_clerk_cannot_open_the_page()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Cash Settings Good");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        var defaults = await admin.GetPageAsync("/Settings/CashApplication");
        using var saved = await admin.SubmitAsync("/Settings/CashApplication",
        [
            new("Input.ThresholdPercent", "95"), new("Input.LeadPercent", "15"), new("Input.Tolerance", "2.50"),
            new("Input.Currencies[0].Currency", "jpy"), new("Input.Currencies[0].Amount", "500"),
            new("Input.Currencies[1].Currency", ""), new("Input.Currencies[1].Amount", ""),
        ]);
        var shown = await admin.GetPageAsync("/Settings/CashApplication");

        Assert.Contains("value=\"90", defaults, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Cash-application settings saved.", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"JPY\"", shown, StringComparison.Ordinal);
        var rules = await LedgerSeed.WithDbAsync(app, company.TenantId, async db =>
        {
            var settings = await db.CashApplicationSettings.SingleAsync();
            return settings.RulesWith(await db.CashCurrencyTolerances.ToListAsync());
        });
        Assert.Equal((0.95m, 0.15m, 2.50m, 500m, 2.50m), (rules.AutoApplyThreshold, rules.Lead, rules.ToleranceIn("EUR"), rules.ToleranceIn("JPY"), rules.ToleranceIn("USD")));

        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);
        using var refused = await clerk.GetAsync("/Settings/CashApplication");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
