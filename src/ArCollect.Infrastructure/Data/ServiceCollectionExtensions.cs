using System.Data.Common;
using ArCollect.Infrastructure.Auditing;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArCollect.Infrastructure.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the tenant-scoped DbContext on one shared Npgsql data source.</summary>
    public static IServiceCollection AddArCollectData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => BuildDataSource(connectionString));
        services.AddScoped<TenantContext>();
        services.AddDbContext<ArCollectDbContext>((sp, options) =>
        {
            var tenant = sp.GetRequiredService<TenantContext>();
            var time = sp.GetRequiredService<TimeProvider>();
            ConfigureProvider(options, sp.GetRequiredService<NpgsqlDataSource>());
            options.AddInterceptors(
                new TenantConnectionInterceptor(tenant),
                new TenantStampInterceptor(tenant),
                new AuditInterceptor(tenant, time));
        });
        return services;
    }

    /// <summary>The statements each pooled connection prepares once it has seen them twice, unless the connection string says.</summary>
    public const int AutoPreparedStatements = 100;

    /// <summary>
    /// The application's data source, with automatic preparation of repeated statements on. Besides skipping the
    /// parse and plan of EF's repeated queries, it keeps the plans of the ledger's trigger functions (facts, ledger
    /// version, invariants, webhook events) across requests: a connection returned to the pool without prepared
    /// statements is reset with DISCARD ALL, which throws those plans away, so every write transaction planned all its
    /// triggers again (about 10 ms for an invoice update alone). With prepared statements Npgsql resets the session
    /// the same way (role, settings such as app.tenant_id, cursors, listeners, advisory locks, temporary tables) but
    /// keeps plans. "Max Auto Prepare" in the connection string overrides the size; 0 turns it off.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.Build();
    }

    public static DbContextOptionsBuilder ConfigureProvider(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(typeof(ArCollectDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
