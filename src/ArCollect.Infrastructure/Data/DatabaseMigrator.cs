using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Infrastructure.Data;

/// <summary>
/// Brings a database to the current schema as its owner: EF Core migrations, then row-level security for
/// every tenant-owned table and the grants of the application role.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var db = CreateOwnerContext(dataSource);
        await db.Database.MigrateAsync(cancellationToken);
        await DatabaseSecurity.ApplyAsync(db, cancellationToken);
    }

    /// <summary>A context that connects as the database owner, without tenant scoping; only for schema work.</summary>
    public static ArCollectDbContext CreateOwnerContext(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<ArCollectDbContext>();
        ServiceCollectionExtensions.ConfigureProvider(options, dataSource);
        return new ArCollectDbContext(options.Options, new TenantContext());
    }
}
