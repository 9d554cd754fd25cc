using System.Net;
using System.Net.Sockets;
using ArCollect.Infrastructure.Data.LocalPostgres;
using Npgsql;

namespace ArCollect.IntegrationTests.Data;

public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string home = Path.Combine(Path.GetTempPath(), $"arcollect-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    [Fact]
    public async Task A_second_start_reuses_the_data_of_the_first()
    {
        var options = new LocalPostgresOptions { DataDirectory = home, Port = FreePort(), Ephemeral = true, Database = "reuse" };
        await using (var first = new LocalPostgresCluster(options))
        {
            await first.StartAsync(CancellationToken.None);
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
            await first.StopAsync();
        }

        await using var second = new LocalPostgresCluster(options);
        await second.StartAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT note FROM kept", connection);

        Assert.Equal("still here", await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_cluster_has_an_app_login_without_superuser_or_bypassrls_and_adds_it_to_a_cluster_from_before()
    {
        var options = new LocalPostgresOptions { DataDirectory = home, Port = FreePort(), Ephemeral = true, Database = "logins" };
        await using (var first = new LocalPostgresCluster(options))
        {
            await first.StartAsync(CancellationToken.None);
            Assert.Equal((LocalPostgresCluster.AppLogin, false, false, true), await LoginAsync(first.AppConnectionString));
            Assert.NotEqual(LocalPostgresCluster.AppLogin, new NpgsqlConnectionStringBuilder(first.ConnectionString).Username);

            // A data folder from before the app login existed: only the owner and its password file.
            await ExecuteAsync(first.ConnectionString, $"DROP ROLE {LocalPostgresCluster.AppLogin}");
            File.Delete(Path.Combine(home, "app-password"));
            await first.StopAsync();
        }

        await using var upgraded = new LocalPostgresCluster(options);
        await upgraded.StartAsync(CancellationToken.None);

        Assert.Equal((LocalPostgresCluster.AppLogin, false, false, true), await LoginAsync(upgraded.AppConnectionString));
        Assert.True(File.Exists(Path.Combine(home, "app-password")));
    }

    private static async Task<(string Login, bool Super, bool BypassRls, bool AppMember)> LoginAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT session_user::text, rolsuper, rolbypassrls, pg_has_role(session_user, 'arcollect_app', 'MEMBER') FROM pg_roles WHERE rolname = session_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    [Fact]
    public async Task A_port_in_use_gives_one_clear_message()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = home, Port = port, Ephemeral = true });

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => cluster.StartAsync(CancellationToken.None));

        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalPostgres__Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_cluster_stops_the_server()
    {
        var cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = home, Port = FreePort(), Ephemeral = true });
        await cluster.StartAsync(CancellationToken.None);
        var connectionString = cluster.ConnectionString;

        await cluster.StopAsync();

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false }.ConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was created.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
