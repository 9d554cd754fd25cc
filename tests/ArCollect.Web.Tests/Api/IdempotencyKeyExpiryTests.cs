using System.Net;
using System.Text;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Api;

/// <summary>Idempotency keys last 24 hours, as Stripe's do: after that a request under the key is a new request.</summary>
public sealed class IdempotencyKeyExpiryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static HttpRequestMessage Payment(Guid customer, decimal amount, string reference, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
        {
            Content = new StringContent(
                $$"""{"customerId":"{{customer}}","amount":{{amount}},"currency":"EUR","receivedOn":"{{Today:yyyy-MM-dd}}","reference":"{{reference}}"}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>Moves a key's first use back in time, as if the request had come that many hours ago.</summary>
    private Task<int> AgeKeyAsync(Guid tenant, string key, int hours) =>
        LedgerSeed.WithDbAsync(app, tenant, db => db.Database.ExecuteSqlAsync(
            $"UPDATE idempotency_keys SET created_at = created_at - make_interval(hours => {hours}) WHERE tenant_id = {tenant} AND key = {key}"));

    [Fact]
    public async Task A_key_replays_within_24_hours_and_after_that_a_request_under_it_is_recorded_as_new()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Expiring Keys Co");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        var customer = await ApiSeed.AddCustomerAsync(api, "Payer");
        var key = Guid.NewGuid().ToString();
        using var first = await api.SendAsync(Payment(customer, 120m, "WIRE-1", key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await AgeKeyAsync(company.TenantId, key, 23);
        using var stillKnown = await api.SendAsync(Payment(customer, 80m, "WIRE-2", key));
        await AgeKeyAsync(company.TenantId, key, 2);
        using var afterExpiry = await api.SendAsync(Payment(customer, 80m, "WIRE-2", key));
        using var replayOfNew = await api.SendAsync(Payment(customer, 80m, "WIRE-2", key));

        // At 23 hours the key still belongs to the first payment: another body is refused.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stillKnown.StatusCode);
        // At 25 hours it is free: the new payment is recorded, and the key now replays that one.
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
        var recorded = (await ApiSeed.ReadAsync(afterExpiry)).GetProperty("id").GetGuid();
        Assert.NotEqual((await ApiSeed.ReadAsync(first)).GetProperty("id").GetGuid(), recorded);
        Assert.Equal(HttpStatusCode.Created, replayOfNew.StatusCode);
        Assert.Equal("true", replayOfNew.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(recorded, (await ApiSeed.ReadAsync(replayOfNew)).GetProperty("id").GetGuid());
        var amounts = await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Payments.OrderBy(p => p.Amount).Select(p => p.Amount).ToListAsync());
        Assert.Equal([80m, 120m], amounts);
    }

    [Fact]
    public async Task The_cleanup_job_deletes_expired_keys_only_and_leaves_other_companies_alone()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Cleanup Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Cleanup Co");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);
        using var otherApi = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, other.TenantId)).Secret);
        var customer = await ApiSeed.AddCustomerAsync(api, "Payer");
        var otherCustomer = await ApiSeed.AddCustomerAsync(otherApi, "Other payer");
        var (old, fresh, othersOld) = ("old-key", "fresh-key", "old-key");
        using (var r1 = await api.SendAsync(Payment(customer, 10m, "A-1", old)))
        using (var r2 = await api.SendAsync(Payment(customer, 20m, "A-2", fresh)))
        using (var r3 = await otherApi.SendAsync(Payment(otherCustomer, 30m, "B-1", othersOld)))
        {
            Assert.All([r1, r2, r3], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        await AgeKeyAsync(company.TenantId, old, 25);
        await AgeKeyAsync(other.TenantId, othersOld, 25);
        var job = app.Services.GetRequiredService<IdempotencyKeyCleanupJob>();
        var deleted = await job.RunAsync(company.TenantId, CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal([fresh], await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.IdempotencyKeys.Select(k => k.Key).ToListAsync()));
        Assert.Equal([othersOld], await LedgerSeed.WithDbAsync(app, other.TenantId, db => db.IdempotencyKeys.Select(k => k.Key).ToListAsync()));
        // The payments themselves stay: only the record of the request goes.
        Assert.Equal(2, await LedgerSeed.WithDbAsync(app, company.TenantId, db => db.Payments.CountAsync()));
    }
}
