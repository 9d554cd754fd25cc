using System.Net;
using System.Net.Http.Json;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Api;

/// <summary>Input the database cannot store, or that could inject mail headers, answers 400 naming the field, never 500.</summary>
public sealed class InputBoundsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<HttpClient> NewTenantApiAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        return ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
    }

    public static TheoryData<string, object> BadCustomers => new()
    {
        { "name", new { name = "Acme\0 GmbH", currency = "EUR" } },
        { "name", new { name = "Acme\r\nBcc: victim@example.com", currency = "EUR" } },
        { "creditLimit", new { name = "Acme", currency = "EUR", creditLimit = 10_000_000_000_000_000_000_000_000m } },
        { "contactEmail", new { name = "Acme", currency = "EUR", contactName = "AP", contactEmail = "ap@acme.example, boss@acme.example" } },
        { "segment", new { name = "Acme", currency = "EUR", segment = "Key\0" } },
    };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task A_customer_with_a_value_that_cannot_be_stored_or_sent_is_refused_with_the_field_named(string field, object customer)
    {
        using var api = await NewTenantApiAsync("Bounds Co " + field);

        using var response = await api.PostAsJsonAsync("/api/v1/customers", customer, ApiSeed.Json);

        var body = await ApiSeed.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task A_payment_of_a_hundred_quintillion_is_refused_with_the_amount_named()
    {
        using var api = await NewTenantApiAsync("Bounds Pay Co");
        var customer = await ApiSeed.AddCustomerAsync(api, "Payer");

        using var response = await api.PostAsJsonAsync("/api/v1/payments",
            new { customerId = customer, amount = 100_000_000_000_000_000_000m, currency = "EUR", receivedOn = DateOnly.FromDateTime(DateTime.UtcNow) }, ApiSeed.Json);

        var body = await ApiSeed.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("amount", out _), body.ToString());
    }

    [Fact]
    public async Task A_NUL_character_in_a_search_answers_400_not_500()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Bounds Search Co");
        using var client = app.NewClient();
        await client.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var response = await client.GetAsync("/Customers?q=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
