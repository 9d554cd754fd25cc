using System.Net;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

public sealed class CustomerLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_unsupported_language_is_named_beside_the_field_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Language Refusal Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Customers/Edit",
            [new("Input.Name", "Lisboa Trading Lda"), new("Input.Currency", "EUR"), new("Input.TimeZone", "Europe/Lisbon"), new("Input.Language", "pt")]);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Language must be one of en, de, fr, es, it, nl, or empty for the company default.", Html.FieldError(page, "Input.Language"));
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task A_chosen_language_is_saved_shown_on_the_customer_and_offered_again_when_editing()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Language Choice Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await client.SubmitAsync("/Customers/Edit",
            [new("Input.Name", "Fromagerie Dupont SARL"), new("Input.Currency", "EUR"), new("Input.TimeZone", "Europe/Paris"), new("Input.Language", "fr")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("French (Français)", Html.Element(details, "id=\"reminder-language\""));
        var id = response.Headers.Location!.OriginalString.Split('/')[^1];
        var edit = await client.GetPageAsync($"/Customers/Edit/{id}");
        Assert.Contains("<option value=\"fr\" selected=\"selected\">French (Fran", edit, StringComparison.Ordinal);
        Assert.Equal("fr", await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Customers.Select(c => c.Language).SingleAsync()));
    }
}
