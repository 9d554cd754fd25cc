using System.Collections.Concurrent;
using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>
/// Hangfire keeps its storage and its job activator in process-wide statics that the last host to configure it
/// overwrites. A host's jobs must still run with that host's own services and database: the test process runs many
/// hosts, and a job activated from another (perhaps already disposed) host's container fails or writes elsewhere.
/// </summary>
public sealed class HangfireIsolationTests
{
    [Fact]
    public async Task A_hosts_jobs_run_with_its_own_services_when_another_host_configured_hangfire_after_it()
    {
        var server = await PostgresServer.GetAsync();
        var first = await server.CreateDatabaseAsync("hangfire_one");
        var second = await server.CreateDatabaseAsync("hangfire_two");
        await using var one = await AppHost.CreateAsync([], Settings(first, "all"), seedDemo: false, CancellationToken.None);
        await using var two = await AppHost.CreateAsync([], Settings(second, "web"), seedDemo: false, CancellationToken.None);
        two.App.Services.GetRequiredService<IGlobalConfiguration>();

        await one.App.StartAsync();
        var probe = Guid.NewGuid();
        one.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DatabaseProbe>(p => p.RecordAsync(probe, CancellationToken.None));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!DatabaseProbe.Seen.ContainsKey(probe) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(DatabaseProbe.Seen.TryGetValue(probe, out var database), "The job did not run within 2 minutes");
        Assert.Equal(new NpgsqlConnectionStringBuilder(first).Database, database);
        await one.App.StopAsync();
    }

    private static Dictionary<string, string?> Settings(string admin, string role) => new()
    {
        ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(admin),
        ["ConnectionStrings:Migrations"] = admin,
        ["Urls"] = "http://127.0.0.1:0",
        ["App:Role"] = role,
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };
}

/// <summary>A job that records which database the DbContext it was given talks to.</summary>
public sealed class DatabaseProbe(ArCollectDbContext db)
{
    public static readonly ConcurrentDictionary<Guid, string> Seen = new();

    public async Task RecordAsync(Guid id, CancellationToken cancellationToken) =>
        Seen[id] = await db.Database.SqlQueryRaw<string>("SELECT current_database()::text AS \"Value\"").SingleAsync(cancellationToken);
}
