using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Risk;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>A fresh migrated database for one test class, with the app's real data services over it.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? provider;

    /// <summary>The app login's connection (no SUPERUSER, no BYPASSRLS): what the services and DbContexts use.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// The admin (owner) connection, for test setup and checks the app may not do: reading across tenants,
    /// changing the schema, breaking a row on purpose.
    /// </summary>
    public string AdminConnectionString { get; private set; } = "";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>More services for a test class (e.g. email and jobs), added before the provider is built.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Where the database comes from (its admin and app connections); by default a fresh clone on the shared test server.</summary>
    public Func<Task<(string Admin, string App)>>? CreateDatabase { get; init; }

    public async Task InitializeAsync()
    {
        if (CreateDatabase is null)
        {
            AdminConnectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
            ConnectionString = PostgresServer.AppConnectionString(AdminConnectionString);
        }
        else
        {
            (AdminConnectionString, ConnectionString) = await CreateDatabase();
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddArCollectData(ConnectionString);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddArCollectDunning(new ConfigurationBuilder().Build());

        // The SMTP and IMAP test servers listen on loopback, which tenant settings may reach only with this allowance.
        services.Configure<EmailOptions>(o => o.AllowPrivateMailHosts = true);
        services.AddArCollectRisk();
        services.AddArCollectDashboards();
        services.AddArCollectInvoicing();
        services.AddArCollectDisputes();
        ConfigureServices?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    /// <summary>The root services, for singletons and jobs that make their own tenant scopes.</summary>
    public IServiceProvider Services => provider!;

    /// <summary>A scope acting for a tenant, as a request signed in to that tenant would.</summary>
    public TenantScope ForTenant(Guid tenantId, Guid? userId = null)
    {
        var scope = provider!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, userId);
        return new TenantScope(scope);
    }

    /// <summary>A scope with no tenant, as sign-in and sign-up run.</summary>
    public TenantScope WithoutTenant() => new(provider!.CreateAsyncScope());

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }
}

public sealed class TenantScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public ArCollectDbContext Db => scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();

    public IServiceProvider Services => scope.ServiceProvider;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
