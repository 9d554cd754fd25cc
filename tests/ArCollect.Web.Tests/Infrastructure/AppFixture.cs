using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>The real app on a loopback port over its own fresh PostgreSQL database, one per test class.</summary>
public sealed class AppFixture : AppFixtureBase
{
    public AppFixture()
        : base(demo: false)
    {
    }
}

/// <summary>The app with a small demo tenant seeded (demo logins, collectors, a year of ledger).</summary>
public abstract class AppFixtureBase(bool demo) : IAsyncLifetime
{
    /// <summary>Settings added to (or replacing) the defaults below, for fixtures that point a client at a loopback server.</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    private ArCollectHost? host;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The admin (owner) connection: the one the app migrates with, and what a test needs to look across tenants.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public IServiceProvider Services => host!.App.Services;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        AdminConnectionString = await server.CreateDatabaseAsync("web");
        var settings = new Dictionary<string, string?>
        {
            // The app runs as a login without SUPERUSER or BYPASSRLS and migrates as the owner, as in production.
            ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(AdminConnectionString),
            ["ConnectionStrings:Migrations"] = AdminConnectionString,
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "web",
            ["Demo:Seed"] = demo ? "true" : "false",
            ["Demo:Customers"] = "40",
            ["Demo:Invoices"] = "1200",
            ["Demo:Months"] = "12",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        host = await AppHost.CreateAsync([], settings, seedDemo: demo, CancellationToken.None);
        await host.App.StartAsync();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects so tests can see them.</summary>
    public WebClient NewClient() => new(BaseAddress);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
