using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.Infrastructure.Tenancy;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL server per test process: the one named by ARCOLLECT_TEST_CONNECTION if set, else a
/// Testcontainers container when a Docker engine answers, else a throwaway cluster from the local binaries on a
/// free port. A migrated template database makes each test's own database a fast copy. The server's admin login
/// creates databases and migrates them (the owner's work); the app and the tests' DbContexts log in as
/// <see cref="AppLogin"/>, which has neither SUPERUSER nor BYPASSRLS.
/// </summary>
public sealed class PostgresServer
{
    private const string TemplateName = "arcollect_template";

    /// <summary>The login tests run the app as: NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE, member of arcollect_app.</summary>
    public const string AppLogin = "arcollect_test_app";
    private const string AppPassword = "arcollect-test-app";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private readonly string adminConnectionString;

    private PostgresServer(string adminConnectionString, string description)
    {
        this.adminConnectionString = adminConnectionString;
        Description = description;
    }

    public string Description { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>The same database as <paramref name="adminConnectionString"/>, logged in as the app login.</summary>
    public static string AppConnectionString(string adminConnectionString) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = AppLogin, Password = AppPassword }.ConnectionString;

    /// <summary>
    /// Creates an empty, fully migrated database for one test class and returns its admin (owner) connection string;
    /// <see cref="AppConnectionString"/> gives the app login's.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];
        await CloneLock.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            CloneLock.Release();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates an empty database with no schema at all (for testing migrations themselves).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"empty_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var (admin, description) = await StartServerAsync();
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var template = new NpgsqlConnectionStringBuilder(admin) { Database = TemplateName, Pooling = false }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(template, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(template))
        {
            // Roles belong to the whole server; a configured server may already have this one from an earlier run.
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppLogin}') THEN
                    CREATE ROLE {AppLogin} LOGIN;
                  END IF;
                END $$;
                ALTER ROLE {AppLogin} WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT PASSWORD '{AppPassword}';
                GRANT {DatabaseSecurity.AppRole} TO {AppLogin};
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return new PostgresServer(builder.ConnectionString, description);
    }

    private static async Task<(string ConnectionString, string Description)> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ARCOLLECT_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, "configured server");
        }

        if (DockerMayAnswer())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:17-alpine").Build();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await container.StartAsync(timeout.Token);
                return (container.GetConnectionString(), "Testcontainers");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync($"Docker did not give a PostgreSQL container ({ex.GetType().Name}: {ex.Message}); using local binaries.");
            }
        }

        RemoveLeftovers();
        var dataDir = Path.Combine(Path.GetTempPath(), $"arcollect-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var cluster = new LocalPostgresCluster(new LocalPostgresOptions
        {
            DataDirectory = dataDir,
            Port = FreePort(),
            Ephemeral = true,
        });
        await cluster.StartAsync(CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover folder is removed by the next run (see RemoveLeftovers).
            }
        };
        return (cluster.ConnectionString, "local cluster");
    }

    /// <summary>Deletes clusters of earlier test processes that are no longer running.</summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "arcollect-test-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length > 2 && int.TryParse(parts[2], out var pid) && !File.Exists($"/proc/{pid}/stat"))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Still in use or not ours; leave it.
                }
            }
        }
    }

    private static bool DockerMayAnswer() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
