using System.Net;
using System.Net.Sockets;
using ArCollect.Web.Hosting;

namespace ArCollect.Web.Tests.Hosting;

public sealed class StartupFailureTests
{
    [Fact]
    public async Task An_unreachable_configured_database_gives_one_line_and_a_non_zero_exit()
    {
        var closedPort = ClosedPort();
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(
            ["migrate", $"--ConnectionStrings:Default=Host=127.0.0.1;Port={closedPort};Database=nowhere;Username=x;Password=y;Timeout=3"],
            errors);

        Assert.Equal(1, exitCode);
        var message = errors.ToString().Trim();
        Assert.StartsWith("arcollect: Cannot use the database 'nowhere' at 127.0.0.1:" + closedPort, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_named_and_refused()
    {
        using var errors = new StringWriter();

        var exitCode = await AppHost.RunAsync(["frobnicate"], errors);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown command 'frobnicate'", errors.ToString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
