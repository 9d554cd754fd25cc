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
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
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

    public static DbContextOptionsBuilder ConfigureProvider(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(typeof(ArCollectDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();
}
