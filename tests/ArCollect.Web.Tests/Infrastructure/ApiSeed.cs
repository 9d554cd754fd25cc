using System.Net.Http.Json;
using System.Text.Json;
using ArCollect.Infrastructure.Tenancy;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>API keys and JSON calls for API tests.</summary>
public static class ApiSeed
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> InTenantAsync<T>(AppFixture app, Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider);
    }

    public static Task<CreatedApiKey> CreateKeyAsync(AppFixture app, Guid tenantId, string name = "tests") =>
        InTenantAsync(app, tenantId, sp => sp.GetRequiredService<ApiKeyService>().CreateAsync(name, CancellationToken.None));

    public static HttpClient Client(AppFixture app, string? key)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true,
            $"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 3000)]}");
        return JsonSerializer.Deserialize<JsonElement>(text, Json);
    }

    /// <summary>Creates a customer through the API and returns its id.</summary>
    public static async Task<Guid> AddCustomerAsync(HttpClient api, string name, string? email = "ap@example.test", int termsDays = 30)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/customers", new { name, currency = "EUR", paymentTermsDays = termsDays, contactEmail = email, contactName = email is null ? null : "Accounts payable" }, Json);
        var body = await ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>Creates a draft invoice through the API and returns its id.</summary>
    public static async Task<Guid> AddDraftAsync(HttpClient api, Guid customerId, decimal price, DateOnly issued, string? terms = null)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/invoices", new
        {
            customerId,
            issueDate = issued,
            currency = "EUR",
            terms,
            lines = new[] { new { description = "Consulting", quantity = 1, unitPrice = price, taxRate = 19 } },
        }, Json);
        var body = await ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id").GetGuid();
    }
}
