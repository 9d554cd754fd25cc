using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArCollect.IntegrationTests.Email;

/// <summary>Delivery through a real SMTP server on loopback.</summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private SmtpTestServer smtp = null!;
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    private EmailOptions Options(int? port = null, int batch = 50) => new()
    {
        SmtpHost = "127.0.0.1",
        SmtpPort = port ?? smtp.Port,
        Security = SmtpSecurity.None,
        BatchSize = batch,
        FromAddress = "AR <ar@northwind.example>",
        AllowPrivateMailHosts = true,
    };

    private async Task<int> SendAsync(EmailOptions? options = null)
    {
        await using var scope = db.ForTenant(tenant);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options ?? Options());
        var transport = new SmtpMailTransport(wrapped);
        var sender = new OutboxSender(scope.Db, transport, transport, scope.Services.GetRequiredService<MailSecrets>(), wrapped, db.Time, NullLogger<OutboxSender>.Instance);
        return await sender.SendDueAsync(CancellationToken.None);
    }

    private async Task EnqueueAsync(int count)
    {
        await using var scope = db.ForTenant(tenant);
        for (var i = 0; i < count; i++)
        {
            await OutboxWriter.EnqueueAsync(scope.Db, new OutboxMessage
            {
                IdempotencyKey = $"test:{i}",
                ToAddresses = $"Customer {i} <c{i}@example.com>",
                Subject = $"Message {i}",
                TextBody = "Hello",
                MessageId = MessageComposer.NewMessageId("test.local"),
                NotBefore = db.Time.GetUtcNow(),
                CreatedAt = db.Time.GetUtcNow(),
            }, CancellationToken.None);
        }
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Running_the_send_job_again_delivers_nothing_twice()
    {
        await EnqueueAsync(3);

        var first = await SendAsync();
        var second = await SendAsync();

        Assert.Equal((3, 0), (first, second));
        Assert.Equal(3, smtp.Received().Count);
        Assert.All(await RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_message_exactly_once()
    {
        await EnqueueAsync(30);

        var counts = await Task.WhenAll(SendAsync(Options(batch: 4)), SendAsync(Options(batch: 4)));

        var received = smtp.Received();
        Assert.Equal(30, counts.Sum());
        Assert.Equal(30, received.Count);
        Assert.Equal(30, received.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Smtp_down_messages_wait_and_go_out_once_it_is_back()
    {
        await EnqueueAsync(2);
        await smtp.StopAsync();

        Assert.Equal(0, await SendAsync());
        var waiting = await RowsAsync();
        // A server that cannot be reached is not a delivery attempt.
        Assert.All(waiting, r => Assert.Equal((OutboxStatus.Pending, 0), (r.Status, r.Attempts)));
        Assert.All(waiting, r => Assert.StartsWith("SMTP unavailable", r.LastError, StringComparison.Ordinal));

        await smtp.RestartAsync();
        Assert.Equal(0, await SendAsync());

        // The first wait for an unreachable server is one minute.
        db.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await SendAsync());
        Assert.Equal(0, await SendAsync());
        Assert.Equal(2, smtp.Received().Count);
    }

    [Fact]
    public async Task Rejected_recipient_flags_the_contact_creates_a_task_and_stops_reminders()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await DunningTestData.AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await DunningTestData.RunAsync(db, tenant);
        await smtp.RejectAsync("ap@acme.example");

        await SendAsync();

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(OutboxStatus.DeadLetter, row.Status);
        Assert.Empty(smtp.Received());
        await using (var scope = db.ForTenant(tenant))
        {
            Assert.True((await scope.Db.Contacts.SingleAsync()).Bounced);
            var task = await scope.Db.CollectionTasks.SingleAsync();
            Assert.Equal("Email to ap@acme.example bounced: find a working address for Acme", task.Title);
        }

        // A week later the +7 step is reached, but the only contact bounced: no new email.
        db.Time.Advance(TimeSpan.FromDays(6));
        await DunningTestData.RunAsync(db, tenant);
        Assert.Single(await DunningTestData.OutboxAsync(db, tenant));
    }

    [Fact]
    public async Task Dead_lettered_reminder_shows_on_the_customer_and_goes_out_once_requeued()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await DunningTestData.AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await DunningTestData.RunAsync(db, tenant);
        await smtp.RejectAsync("ap@acme.example");
        await SendAsync();

        var row = Assert.Single(await RowsAsync());
        await using (var scope = db.ForTenant(tenant))
        {
            var status = await CollectionsStatus.LoadAsync(scope.Db, acme.Id, CancellationToken.None);
            Assert.Null(status!.LastReminderOn);
            var undelivered = Assert.Single(status.Undelivered);
            Assert.Equal((row.Id, OutboxStatus.DeadLetter), (undelivered.Id, undelivered.Status));
            Assert.StartsWith("550", undelivered.Error, StringComparison.Ordinal);
        }

        smtp.Accept("ap@acme.example");
        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Null(await OutboxRequeue.RequeueAsync(scope.Db, row.Id, db.Time.GetUtcNow(), CancellationToken.None));
            Assert.NotNull(await OutboxRequeue.RequeueAsync(scope.Db, row.Id, db.Time.GetUtcNow(), CancellationToken.None));
        }

        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());
        Assert.Equal(row.MessageId, Assert.Single(smtp.Received()).MessageId);
        await using (var scope = db.ForTenant(tenant))
        {
            var status = await CollectionsStatus.LoadAsync(scope.Db, acme.Id, CancellationToken.None);
            Assert.Equal(db.Today, status!.LastReminderOn);
            Assert.Empty(status.Undelivered);
        }
    }

    [Fact]
    public async Task Tenant_smtp_settings_replace_the_global_ones_and_keep_the_password_encrypted()
    {
        await EnqueueAsync(1);
        await using (var scope = db.ForTenant(tenant))
        {
            var secrets = scope.Services.GetRequiredService<MailSecrets>();
            scope.Db.TenantMailSettings.Add(new TenantMailSettings
            {
                Id = Guid.CreateVersion7(),
                SmtpHost = "127.0.0.1",
                SmtpPort = smtp.Port,
                SmtpSecurity = SmtpSecurity.None,
                SmtpPasswordProtected = secrets.Protect("s3cret"),
                FromAddress = "Northwind AR <ar@northwind.example>",
            });
            await scope.Db.SaveChangesAsync();
            Assert.DoesNotContain("s3cret", await scope.Db.TenantMailSettings.Select(s => s.SmtpPasswordProtected!).SingleAsync(), StringComparison.Ordinal);
        }

        // The global settings point at a port where nothing listens.
        var delivered = await SendAsync(Options(port: 1));

        Assert.Equal(1, delivered);
        Assert.Equal("ar@northwind.example", Assert.Single(smtp.Received()).From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Customer_name_with_line_breaks_arrives_without_extra_headers()
    {
        var evil = await LedgerBuilder.AddCustomerAsync(db, tenant, "Evil");
        await DunningTestData.UpdateCustomerAsync(db, tenant, evil.Id, c => c.Contacts[0].Name = "Eve\r\nBcc: victim@example.com");
        await DunningTestData.AddOverdueAsync(db, tenant, evil, "INV-1", 8);
        await DunningTestData.RunAsync(db, tenant);

        await SendAsync();

        var received = Assert.Single(smtp.Received());
        Assert.Equal(["ap@evil.example"], received.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(received.Bcc);
        Assert.DoesNotContain(received.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sent_reminder_appears_on_the_customer_timeline_with_its_message_id()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await DunningTestData.AddOverdueAsync(db, tenant, acme, "INV-1", 8);
        await DunningTestData.RunAsync(db, tenant);

        await SendAsync();

        var row = Assert.Single(await RowsAsync());
        await using var scope = db.ForTenant(tenant);
        var sent = await scope.Db.Activities.SingleAsync(a => a.Type == ArCollect.Domain.Activities.ActivityType.Email);
        Assert.Equal("Sent: Overdue invoices: please pay now (Northwind Supplies)", sent.Summary);
        Assert.Contains($"Message-ID <{row.MessageId}>", sent.Body, StringComparison.Ordinal);
        Assert.Equal(row.MessageId, Assert.Single(smtp.Received()).MessageId);
    }
}
