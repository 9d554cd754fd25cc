using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.IntegrationTests.Infrastructure;
using Npgsql;

namespace ArCollect.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL cluster of its own for one test class, so that a test can stop the server (as an outage or a
/// restart would) and start it again without touching the shared test server.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The cluster is stopped by RemoveAsync from the test class's IAsyncLifetime.DisposeAsync.")]
public sealed class StoppablePostgres
{
    private readonly string home = Path.Combine(Path.GetTempPath(), $"arcollect-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
    private LocalPostgresCluster? cluster;

    public int Stops { get; private set; }

    /// <summary>Starts the cluster, migrates its database as the owner and returns the owner's and the app login's connection strings.</summary>
    public async Task<(string Admin, string App)> StartAsync()
    {
        cluster = new LocalPostgresCluster(new LocalPostgresOptions { DataDirectory = home, Port = SmtpTestServer.FreePort(), Ephemeral = true });
        await cluster.StartAsync(CancellationToken.None);
        await DatabaseMigrator.MigrateAsync(cluster.ConnectionString, CancellationToken.None);
        return (cluster.ConnectionString, cluster.AppConnectionString);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, their transactions rolled back).</summary>
    public async Task StopAsync()
    {
        Stops++;
        await cluster!.StopAsync();
    }

    /// <summary>Starts the stopped server again on the same data and port; the app's pooled connections are dropped.</summary>
    public async Task RestartAsync(NpgsqlDataSource appDataSource)
    {
        await cluster!.StartAsync(CancellationToken.None);
        appDataSource.Clear();
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async Task RemoveAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAsync();
        }

        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed by the next run with the other leftovers of finished test processes.
        }
    }
}
