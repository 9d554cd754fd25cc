using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ArCollect.Infrastructure.Data;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Api;

public sealed partial class ApiKeyAuthenticationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Admin_creates_a_key_that_is_shown_once_stored_hashed_and_lets_the_integration_in()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Key Makers");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var created = await browser.SubmitAsync("/Settings/ApiKeys?handler=Create", [new("Name", "ERP sync")], formPage: "/Settings/ApiKeys");
        var page = await created.Content.ReadAsStringAsync();
        var secret = NewKey().Match(page).Groups[1].Value;
        using var api = ApiSeed.Client(app, secret);
        await ApiSeed.AddCustomerAsync(api, "First Customer");
        using var list = await api.GetAsync("/api/v1/customers");

        Assert.StartsWith("arc_", secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("First Customer", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await browser.GetPageAsync("/Settings/ApiKeys");
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        Assert.Contains("ERP sync", again, StringComparison.Ordinal);
        var stored = await ApiSeed.InTenantAsync(app, company.TenantId, sp => sp.GetRequiredService<ArCollectDbContext>().ApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored.KeyHash);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_problem_details()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Revokers");
        var key = await ApiSeed.CreateKeyAsync(app, company.TenantId, "Old ERP");
        using var api = ApiSeed.Client(app, key.Secret);
        using (var before = await api.GetAsync("/api/v1/invoices"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var browser = app.NewClient();
        await browser.SignInAsync(company.AdminEmail, TenantSeed.Password);
        using var asked = await browser.SubmitAsync($"/Settings/ApiKeys?handler=Revoke&id={key.Key.Id}", [], formPage: "/Settings/ApiKeys");
        Assert.Contains("Revoke the key <strong>Old ERP</strong>", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var unconfirmed = await api.GetAsync("/api/v1/invoices"))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        }

        using var revoked = await browser.SubmitAsync($"/Settings/ApiKeys?handler=Revoke&id={key.Key.Id}", [new("confirmed", "true")], formPage: "/Settings/ApiKeys");
        using var after = await api.GetAsync("/api/v1/invoices");

        Assert.Contains("The key is revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The API key is unknown or revoked.", (await ApiSeed.ReadAsync(after)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(null, "An API key is required.")]
    [InlineData("arc_not-a-key", "The API key is unknown or revoked.")]
    public async Task Calls_without_a_valid_key_get_401_problem_details(string? key, string title)
    {
        using var api = ApiSeed.Client(app, key);

        using var response = await api.GetAsync("/api/v1/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(title, (await ApiSeed.ReadAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_key_with_a_real_tenant_id_but_a_guessed_secret_is_refused()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Guess Target");
        var real = await ApiSeed.CreateKeyAsync(app, company.TenantId);
        var forged = real.Secret[..37] + new string('A', real.Secret.Length - 37);
        using var api = ApiSeed.Client(app, null);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);

        using var response = await api.GetAsync("/api/v1/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_header_works_like_the_api_key_header()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Bearer Co");
        var key = await ApiSeed.CreateKeyAsync(app, company.TenantId);
        using var api = ApiSeed.Client(app, null);
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Secret);

        using var response = await api.GetAsync("/api/v1/payments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_key_gets_404_for_this_tenants_records_and_never_lists_them()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Owner Co");
        var intruder = await TenantSeed.CreateCompanyAsync(app, "Intruder Co");
        using var ownerApi = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, owner.TenantId)).Secret);
        using var intruderApi = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, intruder.TenantId)).Secret);
        var customer = await ApiSeed.AddCustomerAsync(ownerApi, "Secret Customer");
        var invoice = await ApiSeed.AddDraftAsync(ownerApi, customer, 100m, DateOnly.FromDateTime(DateTime.UtcNow));

        using var getInvoice = await intruderApi.GetAsync($"/api/v1/invoices/{invoice}");
        using var getCustomer = await intruderApi.GetAsync($"/api/v1/customers/{customer}");
        using var issue = await intruderApi.PostAsync($"/api/v1/invoices/{invoice}/issue", null);
        using var list = await intruderApi.GetAsync($"/api/v1/invoices?customerId={customer}");

        Assert.Equal(HttpStatusCode.NotFound, getInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);
        Assert.Equal(0, (await ApiSeed.ReadAsync(list)).GetProperty("items").GetArrayLength());
        using var ownGet = await ownerApi.GetAsync($"/api/v1/invoices/{invoice}");
        Assert.Equal(HttpStatusCode.OK, ownGet.StatusCode);
    }

    [Fact]
    public async Task Clerks_cannot_manage_api_keys()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Clerk Co");
        using var browser = app.NewClient();
        await browser.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await browser.GetAsync("/Settings/ApiKeys");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [GeneratedRegex("value=\"(arc_[A-Za-z0-9_-]+)\"")]
    private static partial Regex NewKey();
}
