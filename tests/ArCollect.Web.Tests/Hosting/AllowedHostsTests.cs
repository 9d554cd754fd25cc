using System.Net;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>Host filtering: a spoofed Host header is refused before it can reach a redirect.</summary>
public sealed class AllowedHostsTests
{
    [Theory]
    [InlineData("http://localhost:5080", "localhost;127.0.0.1;[::1]")]
    [InlineData("http://127.0.0.1:5105", "localhost;127.0.0.1;[::1]")]
    [InlineData("http://*:5080;http://ar.lan:8080", "localhost;127.0.0.1;[::1];ar.lan")]
    [InlineData("http://0.0.0.0:5080;http://+:81;http://[::]:82", "localhost;127.0.0.1;[::1]")]
    public void The_private_default_run_answers_loopback_names_and_the_named_hosts_it_listens_on(string urls, string expected) =>
        Assert.Equal(expected, AllowedHostsSetup.ForPrivateRun(urls));

    [Fact]
    public void An_open_setting_is_narrowed_for_the_private_run_and_kept_but_reported_for_a_configured_database()
    {
        var privateRun = new ConfigurationManager();
        privateRun["Urls"] = "http://127.0.0.1:5105";
        var configured = new ConfigurationManager();
        configured["AllowedHosts"] = "*";
        var explicitHosts = new ConfigurationManager();
        explicitHosts["AllowedHosts"] = "ar.example.com";

        Assert.False(AllowedHostsSetup.Apply(privateRun, isPrivateCluster: true));
        Assert.True(AllowedHostsSetup.Apply(configured, isPrivateCluster: false));
        Assert.False(AllowedHostsSetup.Apply(explicitHosts, isPrivateCluster: true));

        Assert.Equal("localhost;127.0.0.1;[::1]", privateRun["AllowedHosts"]);
        Assert.Equal("*", configured["AllowedHosts"]);
        Assert.Equal("ar.example.com", explicitHosts["AllowedHosts"]);
    }

    [Fact]
    public async Task With_allowed_hosts_set_a_spoofed_host_gets_400_and_the_real_one_is_redirected_to_itself()
    {
        var server = await PostgresServer.GetAsync();
        var admin = await server.CreateDatabaseAsync("hosts");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(admin),
            ["ConnectionStrings:Migrations"] = admin,
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "web",
            ["AllowedHosts"] = AllowedHostsSetup.Loopback,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        await using var host = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None);
        await host.App.StartAsync();
        var address = new Uri(host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/Customers");
        spoofed.Headers.Host = "evil.example";
        using var refused = await http.SendAsync(spoofed);
        using var genuine = await http.GetAsync("/Customers");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.DoesNotContain("evil", genuine.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await host.App.StopAsync();
    }
}
