using System.Collections.Concurrent;
using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>
/// The running app logs in as a role that row-level security binds: neither SUPERUSER nor BYPASSRLS, in its requests'
/// DbContexts, in its background jobs and in Hangfire's own storage. The owner is used only to migrate.
/// </summary>
public sealed class LeastPrivilegeTests
{
    [Fact]
    public async Task The_app_its_jobs_and_hangfire_run_as_the_app_login_without_superuser_or_bypassrls()
    {
        var admin = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("least");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(admin),
            ["ConnectionStrings:Migrations"] = admin,
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "all",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        await using var host = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None);
        await host.App.StartAsync();

        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
            Assert.Equal(new SessionRole(PostgresServer.AppLogin, false, false), await SessionRoleProbe.ReadAsync(db));
        }

        var probe = Guid.NewGuid();
        var jobId = host.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SessionRoleProbe>(p => p.RecordAsync(probe, CancellationToken.None));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!SessionRoleProbe.Seen.ContainsKey(probe) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(SessionRoleProbe.Seen.TryGetValue(probe, out var inJob), $"Hangfire job {jobId} did not run within 3 minutes");
        Assert.Equal(new SessionRole(PostgresServer.AppLogin, false, false), inJob);

        // Every connection the app holds to its database, Hangfire's storage included, is the app login's.
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
        var logins = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                logins.Add(reader.GetString(0));
            }
        }

        Assert.Equal([PostgresServer.AppLogin], logins);
    }

    [Fact]
    public async Task With_a_migrations_login_the_app_refuses_a_superuser_as_its_own_login()
    {
        var admin = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("superapp");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = admin,
            ["ConnectionStrings:Migrations"] = admin,
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "web",
        };

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None));

        Assert.Contains("SUPERUSER", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Migrations", error.Message, StringComparison.Ordinal);
    }
}

public sealed record SessionRole(string Login, bool Super, bool BypassRls);

/// <summary>A job that records which login its DbContext's connection runs as.</summary>
public sealed class SessionRoleProbe(ArCollectDbContext db)
{
    public static ConcurrentDictionary<Guid, SessionRole> Seen { get; } = new();

    public static async Task<SessionRole> ReadAsync(ArCollectDbContext db) =>
        await db.Database.SqlQueryRaw<SessionRole>(
            "SELECT session_user::text AS login, rolsuper AS super, rolbypassrls AS bypass_rls FROM pg_roles WHERE rolname = session_user")
            .SingleAsync();

    public async Task RecordAsync(Guid probe, CancellationToken cancellationToken) => Seen[probe] = await ReadAsync(db);
}
