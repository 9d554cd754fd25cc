using System.Net.Sockets;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using Npgsql;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Decides which database the app uses: the configured <c>ConnectionStrings:Default</c>, or else a private
/// PostgreSQL cluster started from the machine's binaries. Then applies migrations.
/// </summary>
public sealed class DatabaseBootstrap
{
    private DatabaseBootstrap(string connectionString, LocalPostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        Cluster = cluster;
    }

    public string ConnectionString { get; }

    /// <summary>The cluster this process started, if any; it is stopped when the app stops.</summary>
    public LocalPostgresCluster? Cluster { get; }

    public bool IsPrivateCluster => Cluster is not null;

    public static async Task<DatabaseBootstrap> PrepareAsync(IConfiguration configuration, string contentRoot, CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString("Default");
        LocalPostgresCluster? cluster = null;
        string connectionString;
        if (string.IsNullOrWhiteSpace(configured))
        {
            var options = configuration.GetSection("LocalPostgres").Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                var preferred = Path.Combine(DataFolder(contentRoot), "postgres");
                options.DataDirectory = await LocalPostgresCluster.UsableDataDirectoryAsync(preferred, cancellationToken);
                if (options.DataDirectory != Path.GetFullPath(preferred))
                {
                    Console.WriteLine($"The 'postgres' user cannot reach {preferred} (a parent folder is private), so the private PostgreSQL uses {options.DataDirectory} instead.");
                }
            }

            cluster = new LocalPostgresCluster(options);
            Console.WriteLine($"No ConnectionStrings:Default configured: starting a private PostgreSQL in {cluster.DataDirectory} on port {options.Port}...");
            await cluster.StartAsync(cancellationToken);
            connectionString = cluster.ConnectionString;
        }
        else
        {
            connectionString = configured;
        }

        try
        {
            if (configuration.GetValue("Database:MigrateOnStart", true))
            {
                await DatabaseMigrator.MigrateAsync(connectionString, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            throw new DatabaseUnavailableException(
                $"Cannot use the database '{builder.Database}' at {builder.Host}:{builder.Port}: {ex.Message}");
        }

        return new DatabaseBootstrap(connectionString, cluster);
    }

    /// <summary>The local data folder: <c>.data</c> beside ArCollect.sln, whatever folder the app starts in.</summary>
    public static string DataFolder(string contentRoot) => Path.Combine(FindRepositoryRoot(contentRoot), ".data");

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArCollect.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}

public sealed class DatabaseUnavailableException(string message) : Exception(message);
