using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Webhooks;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Webhooks;

/// <summary>
/// With the operator setting off (the default), targets inside the network are refused when saved and again when
/// connecting, so a name that resolves to a private address later still gets nothing.
/// </summary>
public sealed class WebhookSsrfTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase db = WebhookTestKit.Database(allowPrivate: false);
    private readonly WebhookReceiver receiver = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    public void Dispose() => receiver.Dispose();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks")]
    [InlineData("http://127.9.9.9/hooks")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://10.0.0.5/hooks")]
    [InlineData("https://10.255.255.255/hooks")]
    [InlineData("http://172.16.0.1/hooks")]
    [InlineData("http://172.31.255.254/hooks")]
    [InlineData("http://192.168.1.20/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("http://[::]/hooks")]
    [InlineData("http://224.0.0.1/hooks")]
    [InlineData("http://[fc00::1]/hooks")]
    [InlineData("http://[fd12:3456::1]/hooks")]
    [InlineData("http://[fe80::1]/hooks")]
    [InlineData("http://[ff02::1]/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks")]
    [InlineData("http://[::ffff:169.254.169.254]/hooks")]
    [InlineData("http://[::ffff:10.1.1.1]/hooks")]
    [InlineData("http://2130706433/hooks")] // 127.0.0.1 written as one number
    [InlineData("http://0x7f.0.0.1/hooks")] // 127.0.0.1 in hex
    [InlineData("http://localhost/hooks")] // a name resolving to loopback
    public async Task A_target_inside_the_network_is_refused_when_saved(string url)
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Guard GmbH");
        await using var scope = db.ForTenant(tenant);

        var (created, errors) = await scope.Services.GetRequiredService<WebhookAdmin>()
            .CreateAsync(new WebhookEndpointInput(url, null, [WebhookEvents.InvoiceIssued]), CancellationToken.None);

        Assert.Null(created);
        Assert.Contains("private network", errors["url"], StringComparison.Ordinal);
        Assert.Empty(await WebhookTestKit.DeliveriesAsync(db, tenant));
    }

    [Theory]
    [InlineData("ftp://files.example.com/hooks", "Only http and https")]
    [InlineData("file:///etc/passwd", "Only http and https")]
    [InlineData("gopher://example.com:70/_x", "Only http and https")]
    [InlineData("/relative/path", "complete URL")]
    [InlineData("https://user:secret@example.com/hooks", "Leave user names and passwords out")]
    public async Task A_url_that_is_not_plain_http_or_https_is_refused_with_the_reason(string url, string reason)
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Scheme GmbH");
        await using var scope = db.ForTenant(tenant);

        var (created, errors) = await scope.Services.GetRequiredService<WebhookAdmin>()
            .CreateAsync(new WebhookEndpointInput(url, null, [WebhookEvents.InvoiceIssued]), CancellationToken.None);

        Assert.Null(created);
        Assert.Contains(reason, errors["url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_address_is_accepted()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Public GmbH");
        await using var scope = db.ForTenant(tenant);
        var http = scope.Services.GetRequiredService<WebhookHttp>();

        Assert.Null(await http.CheckUrlAsync("https://93.184.216.34/hooks", CancellationToken.None));
        Assert.Null(await http.CheckUrlAsync("http://[2606:4700:4700::1111]/hooks", CancellationToken.None));
        Assert.Null(await http.CheckUrlAsync("https://172.32.0.1/hooks", CancellationToken.None)); // just outside 172.16/12
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task An_endpoint_whose_address_turned_private_after_saving_gets_nothing_at_connection_time(string host)
    {
        // Saved while its name pointed elsewhere (as with DNS rebinding): the row is written as if it passed the check.
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Rebinding GmbH");
        var url = receiver.Url.Replace("127.0.0.1", host, StringComparison.Ordinal);
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Id = Guid.CreateVersion7(),
                Url = url,
                Events = [WebhookEvents.InvoiceIssued],
                SecretProtected = scope.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(WebhookSender.ProtectorPurpose).Protect("whsec_x"),
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Rebound");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-1", 10m, new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1));

        Assert.Equal(0, await WebhookTestKit.SendAsync(db, tenant));

        Assert.Empty(receiver.Requests);
        var attempt = Assert.Single(await WebhookTestKit.AttemptsAsync(db, tenant));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("private network", attempt.Error, StringComparison.Ordinal);
        Assert.Equal(WebhookDeliveryStatus.Pending, Assert.Single(await WebhookTestKit.DeliveriesAsync(db, tenant)).Status);
    }
}
