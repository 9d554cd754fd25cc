using System.Net;
using System.Net.Http.Json;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests.Webhooks;

/// <summary>The Admin's webhook settings page and the endpoint API, through the real host (private targets not allowed).</summary>
public sealed class WebhookSettingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_and_sees_its_secret_once_while_a_metadata_url_is_refused_on_the_url_field()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Webhook Page GmbH");
        using var admin = app.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var refused = await admin.SubmitAsync("/Settings/Webhooks?handler=Create",
            [new("Url", "http://169.254.169.254/latest/meta-data/"), new("Events", "invoice.issued")], "/Settings/Webhooks");
        var refusedPage = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("an address inside a private network", refusedPage, StringComparison.Ordinal);
        Assert.Contains("No endpoints yet.", refusedPage, StringComparison.Ordinal);

        using var added = await admin.SubmitAsync("/Settings/Webhooks?handler=Create",
            [new("Url", "https://93.184.216.34/arcollect/hooks"), new("Events", "invoice.issued"), new("Events", "payment.received")], "/Settings/Webhooks");
        var addedPage = await added.Content.ReadAsStringAsync();

        Assert.Contains("whsec_", addedPage, StringComparison.Ordinal);
        Assert.Contains("Invoice issued, Payment received", addedPage, StringComparison.Ordinal);
        var again = await admin.GetPageAsync("/Settings/Webhooks");
        Assert.Contains("https://93.184.216.34/arcollect/hooks", again, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_cannot_open_the_webhook_settings()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Webhook Clerk GmbH");
        using var clerk = app.NewClient();
        await clerk.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        using var response = await clerk.GetAsync("/Settings/Webhooks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_a_loopback_url_by_field_creates_a_public_one_and_keeps_it_from_other_tenants()
    {
        var owner = await TenantSeed.CreateCompanyAsync(app, "Webhook Api Owner");
        var other = await TenantSeed.CreateCompanyAsync(app, "Webhook Api Other");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, owner.TenantId)).Secret);
        using var otherApi = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, other.TenantId)).Secret);

        using var refused = await api.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = "http://[::1]:8080/hooks", events = new[] { "dispute.opened" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("private network", (await ApiSeed.ReadAsync(refused)).GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);

        using var created = await api.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = "https://93.184.216.34/hooks", events = new[] { "dispute.opened" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiSeed.ReadAsync(created);
        Assert.StartsWith("whsec_", body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();

        using var othersList = await otherApi.GetAsync("/api/v1/webhook-endpoints");
        Assert.Empty((await ApiSeed.ReadAsync(othersList)).EnumerateArray());
        using var foreignDelete = await otherApi.DeleteAsync($"/api/v1/webhook-endpoints/{id}");
        Assert.Equal(HttpStatusCode.NotFound, foreignDelete.StatusCode);
        using var ownList = await api.GetAsync("/api/v1/webhook-endpoints");
        Assert.Equal(id, Assert.Single((await ApiSeed.ReadAsync(ownList)).EnumerateArray()).GetProperty("id").GetGuid());
    }
}
