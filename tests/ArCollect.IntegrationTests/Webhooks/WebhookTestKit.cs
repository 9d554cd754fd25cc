using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Webhooks;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Webhooks;

internal static class WebhookTestKit
{
    /// <summary>A test database with the webhook services; <paramref name="allowPrivate"/> as the operator setting.</summary>
    public static TestDatabase Database(bool allowPrivate, int disableAfter = 10) => new()
    {
        ConfigureServices = services =>
        {
            services.AddArCollectWebhooks(new ConfigurationBuilder().Build());
            services.Configure<WebhookOptions>(o =>
            {
                o.AllowPrivateTargets = allowPrivate;
                o.DisableAfterFailures = disableAfter;
                o.Timeout = TimeSpan.FromSeconds(5);
            });
        },
    };

    public static async Task<CreatedWebhookEndpoint> RegisterAsync(TestDatabase db, Guid tenant, string url, params string[] events)
    {
        await using var scope = db.ForTenant(tenant);
        var (created, errors) = await scope.Services.GetRequiredService<WebhookAdmin>().CreateAsync(new WebhookEndpointInput(url, "ERP", events), CancellationToken.None);
        Assert.Empty(errors);
        return created!;
    }

    /// <summary>Runs the tenant's sender once, as the minute job does; how many deliveries succeeded.</summary>
    public static async Task<int> SendAsync(TestDatabase db, Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesAsync(TestDatabase db, Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.EventKey).ToListAsync();
    }

    public static async Task<List<WebhookAttempt>> AttemptsAsync(TestDatabase db, Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.WebhookAttempts.AsNoTracking().OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
    }

    public static async Task<WebhookEndpoint> EndpointAsync(TestDatabase db, Guid tenant, Guid id)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}
