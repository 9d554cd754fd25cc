using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a fresh database seeded as a first run seeds it: the demo tenant with its history and logins,
/// only smaller. The demo tenant is what a newcomer tries first, so its numbered history must work with every action.
/// </summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    private ArCollectHost? host;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => host!.App.Services;

    public DateOnly Today => DateOnly.FromDateTime(Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = await server.CreateDatabaseAsync("demo"),
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "web",
            ["Demo:Customers"] = "40",
            ["Demo:Invoices"] = "1500",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        host = await AppHost.CreateAsync([], settings, seedDemo: true, CancellationToken.None);
        await host.App.StartAsync();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task<Guid> DemoTenantAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoBootstrap.Logins[2].Email);
        return user!.TenantId;
    }

    public async Task<T> WithDbAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<ArCollectDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
