using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Api;

public sealed class LedgerIntegrityApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(Guid Tenant, HttpClient Api)> NewTenantApiAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        return (company.TenantId, ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret));
    }

    private static HttpRequestMessage Payment(Guid customer, decimal amount, string reference, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
        {
            Content = new StringContent(
                $$"""{"customerId":"{{customer}}","amount":{{amount}},"currency":"EUR","receivedOn":"{{Today:yyyy-MM-dd}}","reference":"{{reference}}"}""",
                Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task A_retried_payment_with_the_same_idempotency_key_gets_the_first_response_and_records_once()
    {
        var (tenant, api) = await NewTenantApiAsync("Retry Co");
        using var _ = api;
        var customer = await ApiSeed.AddCustomerAsync(api, "Payer");
        var key = Guid.NewGuid().ToString();

        using var first = await api.SendAsync(Payment(customer, 120m, "WIRE-1", key));
        using var retry = await api.SendAsync(Payment(customer, 120m, "WIRE-1", key));
        // Two at once under a new key: one records, the other waits for it and replays its answer.
        var racingKey = Guid.NewGuid().ToString();
        var racing = await Task.WhenAll(api.SendAsync(Payment(customer, 30m, "WIRE-2", racingKey)), api.SendAsync(Payment(customer, 30m, "WIRE-2", racingKey)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var firstBody = await ApiSeed.ReadAsync(first);
        var retryBody = await ApiSeed.ReadAsync(retry);
        Assert.Equal(firstBody.GetProperty("id").GetGuid(), retryBody.GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((await ApiSeed.ReadAsync(racing[0])).GetProperty("id").GetGuid(), (await ApiSeed.ReadAsync(racing[1])).GetProperty("id").GetGuid());
        Assert.Equal(2, await LedgerSeed.WithDbAsync(app, tenant, db => db.Payments.CountAsync()));
        Assert.Equal(2, await LedgerSeed.WithDbAsync(app, tenant, db => db.IdempotencyKeys.CountAsync()));
        foreach (var r in racing)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_records_nothing()
    {
        var (tenant, api) = await NewTenantApiAsync("Reused Key Co");
        using var _ = api;
        var customer = await ApiSeed.AddCustomerAsync(api, "Payer");
        var key = Guid.NewGuid().ToString();
        using var first = await api.SendAsync(Payment(customer, 120m, "WIRE-1", key));

        using var other = await api.SendAsync(Payment(customer, 99m, "WIRE-9", key));
        using var tooLong = await api.SendAsync(Payment(customer, 99m, "WIRE-9", new string('k', 256)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        var problem = await ApiSeed.ReadAsync(other);
        Assert.Contains("already used with a different request", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(1, await LedgerSeed.WithDbAsync(app, tenant, db => db.Payments.CountAsync()));
    }

    [Fact]
    public async Task A_write_off_above_the_limit_by_api_key_is_accepted_as_a_request_and_cancel_and_rebill_links_a_draft()
    {
        var (tenant, api) = await NewTenantApiAsync("Api Adjust Co");
        using var _ = api;
        await LedgerSeed.WithDbAsync(app, tenant, db =>
        {
            db.CurrencySettings.Add(new CurrencySettings { Currency = "EUR", WriteOffLimit = 100m });
            return db.SaveChangesAsync();
        });
        var customer = await ApiSeed.AddCustomerAsync(api, "Debtor");
        var big = await ApiSeed.AddDraftAsync(api, customer, 400m, Today.AddDays(-5));
        var wrong = await ApiSeed.AddDraftAsync(api, customer, 50m, Today);
        foreach (var id in new[] { big, wrong })
        {
            using var issued = await api.PostAsync($"/api/v1/invoices/{id}/issue", null);
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }

        using var writeOff = await api.PostAsJsonAsync("/api/v1/write-offs", new { invoiceId = big, reason = "Insolvent", date = Today }, ApiSeed.Json);
        using var rebill = await api.PostAsJsonAsync($"/api/v1/invoices/{wrong}/cancel-and-rebill", new { reason = "Wrong price" }, ApiSeed.Json);

        Assert.Equal(HttpStatusCode.Accepted, writeOff.StatusCode);
        var request = await ApiSeed.ReadAsync(writeOff);
        Assert.Equal("Pending", request.GetProperty("status").GetString());
        Assert.Equal("The write-off of EUR 476.00 is above the limit of EUR 100.00 and awaits a manager's approval.", request.GetProperty("message").GetString());
        using (var followed = await api.GetAsync(writeOff.Headers.Location))
        {
            Assert.Equal(request.GetProperty("id").GetGuid(), (await ApiSeed.ReadAsync(followed)).GetProperty("id").GetGuid());
        }

        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, tenant, db => db.WriteOffs.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, rebill.StatusCode);
        var rebilled = await ApiSeed.ReadAsync(rebill);
        Assert.Equal(59.5m, rebilled.GetProperty("credited").GetDecimal());
        Assert.Equal(wrong, rebilled.GetProperty("draft").GetProperty("rebillOfId").GetGuid());
        Assert.Equal("Draft", rebilled.GetProperty("draft").GetProperty("state").GetString());
    }
}
