using System.Net;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using static Microsoft.Extensions.Options.Options;

namespace ArCollect.IntegrationTests.Email;

/// <summary>Tenant mail settings cannot reach the app's own network, checked again when connecting; an operator allowance lifts it.</summary>
public sealed class MailHostGuardTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private SmtpTestServer smtp = null!;
    private ImapTestServer imap = null!;
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync();
        imap = await ImapTestServer.StartAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Guarded Co");
        await using var scope = db.ForTenant(tenant);
        var secrets = scope.Services.GetRequiredService<MailSecrets>();

        // Stored directly, as settings saved before the check existed (or a name that now resolves to loopback) would be.
        scope.Db.TenantMailSettings.Add(new TenantMailSettings
        {
            Id = Guid.CreateVersion7(),
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            SmtpSecurity = SmtpSecurity.None,
            FromAddress = "AR <ar@guarded.example>",
            ReplyToAddress = "collections@guarded.example",
            ImapHost = "127.0.0.1",
            ImapPort = imap.Port,
            ImapSecurity = SmtpSecurity.None,
            ImapUsername = ImapTestServer.User,
            ImapPasswordProtected = secrets.Protect(ImapTestServer.Password),
        });
        await scope.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await imap.DisposeAsync();
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("10.1.2.3", "a private address")]
    [InlineData("172.20.0.5", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.64.0.1", "a private address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fd12:3456::1", "a private address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("93.184.216.34", null)]
    [InlineData("2606:4700::1111", null)]
    public void Only_public_addresses_are_allowed(string address, string? problem) =>
        Assert.Equal(problem, MailHostGuard.AddressProblem(IPAddress.Parse(address)));

    [Fact]
    public async Task Save_check_refuses_loopback_written_as_a_number_local_names_and_non_mail_ports()
    {
        Assert.Equal("2130706433 resolves to 127.0.0.1, a loopback address; use a public mail server.",
            (await MailHostGuard.CheckAsync("2130706433", 587, MailProtocol.Smtp, false, CancellationToken.None)).HostProblem);
        Assert.StartsWith("localhost is a local host name", (await MailHostGuard.CheckAsync("localhost", 993, MailProtocol.Imap, false, CancellationToken.None)).HostProblem, StringComparison.Ordinal);
        Assert.Equal("IMAP port must be one of 143, 993.", (await MailHostGuard.CheckAsync("imap.example.com", 6379, MailProtocol.Imap, false, CancellationToken.None)).PortProblem);
        Assert.Equal((null, null), await MailHostGuard.CheckAsync("127.0.0.1", 6379, MailProtocol.Smtp, true, CancellationToken.None));
    }

    [Fact]
    public async Task Reply_poller_refuses_a_loopback_mailbox_at_connect_time_and_reads_nothing()
    {
        await imap.DeliverAsync(Mail());
        await using var scope = db.ForTenant(tenant);
        var poller = new ReplyPoller(scope.Db, scope.Services.GetRequiredService<MailSecrets>(), db.Time, Create(new EmailOptions()), scope.Services.GetRequiredService<ArCollect.Infrastructure.Replies.ReplyIntake>());

        var refused = await Assert.ThrowsAsync<MailHostRefusedException>(() => poller.PollAsync(CancellationToken.None));

        Assert.Equal("127.0.0.1 is a loopback address; use a public mail server.", refused.Message);
        Assert.Equal(1, await scope.Services.GetRequiredService<ReplyPoller>().PollAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Tenant_smtp_on_loopback_is_refused_at_connect_time_and_nothing_reaches_the_server()
    {
        var transport = new SmtpMailTransport(Create(new EmailOptions()));
        var endpoint = new SmtpEndpoint("127.0.0.1", smtp.Port, SmtpSecurity.None, null, null);

        var result = Assert.Single(await transport.SendAsync([Mail()], endpoint, _ => Task.CompletedTask, CancellationToken.None));

        Assert.False(result.Delivered);
        Assert.Contains("127.0.0.1 is a loopback address", result.Error, StringComparison.Ordinal);
        Assert.Empty(smtp.Received());
    }

    [Fact]
    public async Task Settings_tests_send_a_message_and_open_the_mailbox_when_the_operator_allows_the_relay()
    {
        await using var scope = db.ForTenant(tenant);
        var allowed = Create(new EmailOptions { AllowPrivateMailHosts = true });
        var tester = new MailSettingsTester(scope.Db, scope.Services.GetRequiredService<MailSecrets>(), new SmtpMailTransport(allowed), allowed, db.Time, NullLogger<MailSettingsTester>.Instance);

        var sent = await tester.SendTestMessageAsync("admin@guarded.example", CancellationToken.None);
        var mailbox = await tester.TestMailboxAsync(CancellationToken.None);

        Assert.Equal(new MailTestResult(true, "Test message sent to admin@guarded.example through 127.0.0.1."), sent);
        Assert.Equal("admin@guarded.example", Assert.Single(smtp.Received()).To.Mailboxes.Single().Address);
        Assert.Equal(new MailTestResult(true, "Signed in to 127.0.0.1: the inbox holds 0 messages."), mailbox);
    }

    private MimeMessage Mail()
    {
        var message = new MimeMessage { Subject = "We will pay", Date = db.Time.GetUtcNow(), MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("acme.example"), Body = new TextPart("plain") { Text = "Friday." } };
        message.From.Add(new MailboxAddress("Anna", "ap@acme.example"));
        message.To.Add(MailboxAddress.Parse("collections@guarded.example"));
        return message;
    }
}
