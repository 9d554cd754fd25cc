using ArCollect.Infrastructure.Tenancy;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Infrastructure.Data;

/// <summary>
/// Brings a database to the current schema as its owner: EF Core migrations, Hangfire's schema, then row-level
/// security for every tenant-owned table and the grants of the application role. The app login itself never
/// creates or alters anything (Hangfire runs with <c>PrepareSchemaIfNecessary = false</c>).
/// </summary>
public static class DatabaseMigrator
{
    private const string HangfireInstallLock = "hashtextextended('arcollect:hangfire-install', 0)";

    public static async Task MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(ownerConnectionString).Build();
        await using (var db = CreateOwnerContext(dataSource))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            // Several processes may start at once; the session lock lets one install it while the others wait.
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({HangfireInstallLock})", connection))
            {
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            PostgreSqlObjectsInstaller.Install(connection, DatabaseSecurity.HangfireSchema);
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({HangfireInstallLock})", connection);
            await release.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var db = CreateOwnerContext(dataSource))
        {
            await DatabaseSecurity.ApplyAsync(db, cancellationToken);
        }
    }

    /// <summary>A context that connects as the database owner, without tenant scoping; only for schema work.</summary>
    public static ArCollectDbContext CreateOwnerContext(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<ArCollectDbContext>();
        ServiceCollectionExtensions.ConfigureProvider(options, dataSource);
        return new ArCollectDbContext(options.Options, new TenantContext());
    }
}
