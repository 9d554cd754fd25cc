using System.Net;
using System.Net.Sockets;
using ArCollect.Infrastructure.Data.LocalPostgres;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;

namespace ArCollect.Web.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Standard_switches_without_a_verb_reach_the_configuration()
    {
        var port = FreePort();
        using var errors = new StringWriter();

        // The configured database is unreachable, so the run stops right after reading its configuration.
        var exitCode = await AppHost.RunAsync(
            ["--urls", $"http://127.0.0.1:{port}", "--environment", "Production", "--ConnectionStrings:Default", Unreachable()], errors);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("arcollect: Cannot use the database 'nowhere'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_switches_work_before_and_after_a_verb()
    {
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(
            ["--urls", "http://127.0.0.1:5999", "migrate", "--contentRoot", AppContext.BaseDirectory, "--ConnectionStrings:Default", Unreachable()], errors);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("arcollect: Cannot use the database 'nowhere'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_listens_where_the_urls_switch_says()
    {
        var server = await PostgresServer.GetAsync();
        var connection = await server.CreateDatabaseAsync("cli");
        var port = FreePort();
        var line = CommandLine.Parse(["--urls", $"http://127.0.0.1:{port}", "--App:Role", "web", "--ConnectionStrings:Default", PostgresServer.AppConnectionString(connection), "--ConnectionStrings:Migrations", connection]);
        Assert.Null(line.Verb);

        await using var host = await AppHost.CreateAsync(line.Switches, settings: null, seedDemo: false, CancellationToken.None);
        await host.App.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Run_as_root_from_a_private_folder_the_cluster_moves_to_a_folder_the_server_user_can_reach()
    {
        Assert.True(OperatingSystem.IsLinux() && Environment.UserName == "root", "this test checks the root case and runs as root on Linux, as CI does");
        var home = Directory.CreateTempSubdirectory("arcollect-private-");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(home.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var preferred = Path.Combine(home.FullName, "checkout", ".data", "postgres");

        var chosen = await LocalPostgresCluster.UsableDataDirectoryAsync(preferred, CancellationToken.None);
        var again = await LocalPostgresCluster.UsableDataDirectoryAsync(preferred, CancellationToken.None);
        var open = await LocalPostgresCluster.UsableDataDirectoryAsync(Path.Combine(Path.GetTempPath(), "open-checkout", "postgres"), CancellationToken.None);

        Assert.StartsWith(LocalPostgresCluster.FallbackRoot + "/", chosen, StringComparison.Ordinal);
        Assert.Equal(chosen, again);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "open-checkout", "postgres"), open);
        home.Delete(recursive: true);
    }

    private static string Unreachable() => $"Host=127.0.0.1;Port={FreePort()};Database=nowhere;Username=x;Password=y;Timeout=3";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
