using System.Net.Sockets;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Infrastructure.Tenancy;
using Npgsql;

namespace ArCollect.Web.Hosting;

/// <summary>
/// Decides which database the app uses and as whom: <c>ConnectionStrings:Default</c> is the app login (no SUPERUSER,
/// no BYPASSRLS, member of <c>arcollect_app</c>) and <c>ConnectionStrings:Migrations</c> the owner, used only to
/// migrate; without any, a private PostgreSQL cluster started from the machine's binaries, which has both logins.
/// Then applies migrations as the owner.
/// </summary>
public sealed class DatabaseBootstrap
{
    private DatabaseBootstrap(string connectionString, string ownerConnectionString, LocalPostgresCluster? cluster, bool runsAsOwner)
    {
        ConnectionString = connectionString;
        OwnerConnectionString = ownerConnectionString;
        Cluster = cluster;
        RunsAsOwner = runsAsOwner;
    }

    /// <summary>The app login's connection: every DbContext and Hangfire use it.</summary>
    public string ConnectionString { get; }

    /// <summary>The owner's connection, which migrated the schema; the app never uses it after start-up (tools and benches may).</summary>
    public string OwnerConnectionString { get; }

    /// <summary>True when no separate migrations login is configured, so the app logs in as the schema's owner.</summary>
    public bool RunsAsOwner { get; }

    /// <summary>The cluster this process started, if any; it is stopped when the app stops.</summary>
    public LocalPostgresCluster? Cluster { get; }

    public bool IsPrivateCluster => Cluster is not null;

    public static async Task<DatabaseBootstrap> PrepareAsync(IConfiguration configuration, string contentRoot, CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString("Default");
        var migrations = configuration.GetConnectionString("Migrations");
        LocalPostgresCluster? cluster = null;
        string connectionString;
        string ownerConnectionString;
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
            connectionString = cluster.AppConnectionString;
            ownerConnectionString = cluster.ConnectionString;
        }
        else
        {
            connectionString = configured;
            ownerConnectionString = string.IsNullOrWhiteSpace(migrations) ? configured : migrations;
        }

        var current = ownerConnectionString;
        try
        {
            if (configuration.GetValue("Database:MigrateOnStart", true))
            {
                await DatabaseMigrator.MigrateAsync(ownerConnectionString, cancellationToken);
            }

            current = connectionString;
            var runsAsOwner = cluster is null && string.IsNullOrWhiteSpace(migrations);
            if (await AppLoginProblemAsync(connectionString, runsAsOwner, cancellationToken) is { } problem)
            {
                throw new DatabaseUnavailableException(problem);
            }

            return new DatabaseBootstrap(connectionString, ownerConnectionString, cluster, runsAsOwner);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or DatabaseUnavailableException)
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }

            if (ex is DatabaseUnavailableException)
            {
                throw;
            }

            var builder = new NpgsqlConnectionStringBuilder(current);
            throw new DatabaseUnavailableException(
                $"Cannot use the database '{builder.Database}' at {builder.Host}:{builder.Port} as '{builder.Username}': {ex.Message}");
        }
    }

    /// <summary>
    /// Why the app login cannot serve, if it cannot: it must be able to drop to the application role, and with a
    /// separate migrations login it must be neither superuser nor BYPASSRLS (either would silently skip row-level security).
    /// </summary>
    private static async Task<string?> AppLoginProblemAsync(string connectionString, bool runsAsOwner, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT session_user, rolsuper, rolbypassrls, pg_has_role(session_user, '{DatabaseSecurity.AppRole}', 'MEMBER') FROM pg_roles WHERE rolname = session_user",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (login, super, bypass, member) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
        if (!member)
        {
            return $"The login '{login}' of ConnectionStrings:Default is not a member of {DatabaseSecurity.AppRole}, so it cannot act under row-level security. As the owner, run: GRANT {DatabaseSecurity.AppRole} TO {login};";
        }

        if (!runsAsOwner && (super || bypass))
        {
            return $"The login '{login}' of ConnectionStrings:Default has {(super ? "SUPERUSER" : "BYPASSRLS")}, which skips row-level security. Give the app a login without it (see docs/operations.md, Least privilege); the owner belongs in ConnectionStrings:Migrations.";
        }

        return null;
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
