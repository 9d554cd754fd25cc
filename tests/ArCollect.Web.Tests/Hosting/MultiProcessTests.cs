using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Xunit.Abstractions;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>
/// Two <c>web</c> and two <c>worker</c> processes of the built app on one database, as a scaled-out deployment runs:
/// a sign-in cookie from one web works on the other, the minutely outbox job runs once per minute across both
/// workers, every message goes out once, and two reminder runs of one tenant queued at once leave one reminder per
/// customer.
/// </summary>
public sealed class MultiProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<(string Name, Process Process, StringBuilder Log)> processes = [];
    private string connectionString = "";
    private SmtpTestServer smtp = null!;

    public async Task InitializeAsync()
    {
        connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("multi");
        smtp = await SmtpTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, process, log) in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            var lines = log.ToString().Split('\n');
            output.WriteLine($"--- {name}: first errors, then the last lines");
            output.WriteLine(string.Join('\n', lines.Where(l => l.Contains("ERR]", StringComparison.Ordinal) || l.Contains("Exception:", StringComparison.Ordinal)).Take(6)));
            output.WriteLine(string.Join('\n', lines.TakeLast(8)));
            process.Dispose();
        }

        await smtp.DisposeAsync();
    }

    private static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArCollect.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir!.FullName, "src", "ArCollect.Web", "bin", configuration, "net10.0", "ArCollect.Web.dll");
    }

    private Uri Start(string name, string role, bool seed)
    {
        var url = new Uri($"http://127.0.0.1:{SmtpTestServer.FreePort()}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            AppDll(), "--urls", url.ToString(), "--App:Role", role, "--ConnectionStrings:Default", PostgresServer.AppConnectionString(connectionString),
            "--ConnectionStrings:Migrations", connectionString,
            "--Database:MigrateOnStart", "false", "--Demo:Seed", seed ? "true" : "false", "--Demo:Customers", "30",
            "--Demo:Invoices", "600", "--Demo:Months", "6", "--Email:SmtpHost", "127.0.0.1",
            "--Email:SmtpPort", smtp.Port.ToString(CultureInfo.InvariantCulture), "--Email:Security", "None",
            "--Email:AllowPrivateMailHosts", "true", "--Email:FromAddress", "AR <ar@multi.example>",
            "--Serilog:MinimumLevel:Default", "Warning",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add((name, process, log));
        return url;
    }

    private async Task WaitReadyAsync(Uri url, string name)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(processes.Single(p => p.Name == name).Process.HasExited, $"{name} exited");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{name} did not get ready");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(1000);
        }
    }

    [Fact]
    public async Task Two_webs_and_two_workers_share_sign_in_run_each_recurring_job_once_per_minute_and_send_each_message_once()
    {
        // The first web seeds the demo tenant; the others start on the prepared database.
        var web1 = Start("web1", "web", seed: true);
        await WaitReadyAsync(web1, "web1");
        var web2 = Start("web2", "web", seed: false);
        Start("worker1", "worker", seed: false);
        Start("worker2", "worker", seed: false);
        await WaitReadyAsync(web2, "web2");
        await WaitForAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM hangfire.server") >= 2, TimeSpan.FromMinutes(3), "two Hangfire servers");

        // Sign in on web1, use the cookie on web2.
        using var browser = new Infrastructure.WebClient(web1);
        await browser.SignInAsync("clerk@demo.arcollect.test", "demo-password-2026");
        var cookie = browser.Cookie("arcollect.auth")!;
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = web2 };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Customers");
        request.Headers.Add("Cookie", $"arcollect.auth={cookie}");
        using var onWeb2 = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, onWeb2.StatusCode);

        // Twenty messages waiting in the outbox, and two reminder runs of the demo tenant queued at the same moment.
        var tenant = await ScalarAsync<Guid>("SELECT id FROM tenants WHERE name = 'Demo Trading GmbH'");
        var started = await ScalarAsync<DateTime>("SELECT now()");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            for (var i = 0; i < 20; i++)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO outbox_messages (id, tenant_id, idempotency_key, kind, to_addresses, subject, text_body, message_id,
                        status, attempts, not_before, next_attempt_at, created_at)
                    VALUES (gen_random_uuid(), @tenant, @key, 'Notification', @to, @subject, 'Hello', @messageId, 'Pending', 0, now(), now(), now())
                    """, connection);
                insert.Parameters.AddWithValue("tenant", tenant);
                insert.Parameters.AddWithValue("key", $"multi-process:{i}");
                insert.Parameters.AddWithValue("to", $"reader{i}@multi.example");
                insert.Parameters.AddWithValue("subject", $"multi-process {i}");
                insert.Parameters.AddWithValue("messageId", $"<multi-process-{i}@test.local>");
                await insert.ExecuteNonQueryAsync();
            }
        }

        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
        var client = new BackgroundJobClient(new PostgreSqlStorage(new NpgsqlConnectionFactory(PostgresServer.AppConnectionString(connectionString), options), options));
        var runs = new[]
        {
            client.Enqueue<ReminderRunJob>(j => j.RunAsync(tenant, CancellationToken.None)),
            client.Enqueue<ReminderRunJob>(j => j.RunAsync(tenant, CancellationToken.None)),
        };

        int Delivered() => smtp.Received().Count(m => m.Subject?.StartsWith("multi-process ", StringComparison.Ordinal) == true);
        await WaitForAsync(() => Task.FromResult(Delivered() >= 20), TimeSpan.FromMinutes(4), "the outbox messages");
        await WaitForAsync(async () => await ScalarAsync<long>(
            $"SELECT count(*) FROM hangfire.job WHERE id IN ({string.Join(',', runs)}) AND statename IN ('Succeeded', 'Failed')") == 2,
            TimeSpan.FromMinutes(4), "both reminder runs");
        await Task.Delay(TimeSpan.FromSeconds(65)); // one more minute: a second send of anything would show now

        var perMessage = smtp.Received().Where(m => m.Subject?.StartsWith("multi-process ", StringComparison.Ordinal) == true).GroupBy(m => m.MessageId).ToList();
        var outboxRunsPerMinute = await ScalarAsync<long>("""
            SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM hangfire.job
            WHERE invocationdata::text LIKE '%OutboxSendJob%' AND invocationdata::text LIKE '%RunAllAsync%'
            GROUP BY date_trunc('minute', createdat)) per_minute
            """);
        var outboxRuns = await ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%OutboxSendJob%'");
        var doubleReminders = await ScalarAsync<long>($"""
            SELECT count(*) FROM (SELECT customer_id FROM outbox_messages WHERE tenant_id = '{tenant}' AND kind = 'Reminder'
            AND created_at >= '{started:O}' GROUP BY customer_id HAVING count(*) > 1) twice
            """);
        var reminderStates = await ScalarAsync<string>($"SELECT string_agg(statename, ',' ORDER BY id) FROM hangfire.job WHERE id IN ({string.Join(',', runs)})");
        output.WriteLine($"messages delivered {perMessage.Count} (max {perMessage.Max(g => g.Count())} per Message-ID); outbox-send runs {outboxRuns}, at most {outboxRunsPerMinute} per minute; reminder runs {reminderStates}; customers reminded twice {doubleReminders}");

        Assert.Equal(20, perMessage.Count);
        Assert.All(perMessage, g => Assert.Single(g));
        Assert.Equal(1, outboxRunsPerMinute);
        Assert.Equal("Succeeded,Succeeded", reminderStates);
        Assert.Equal(0, doubleReminders);
    }
}
