using ArCollect.Domain.Activities;
using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>Reply capture from a real dovecot IMAP server on loopback.</summary>
public sealed class ReplyCaptureTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private ImapTestServer imap = null!;
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        imap = await ImapTestServer.StartAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
        await using var scope = db.ForTenant(tenant);
        var secrets = scope.Services.GetRequiredService<MailSecrets>();
        scope.Db.TenantMailSettings.Add(new TenantMailSettings
        {
            Id = Guid.CreateVersion7(),
            ReplyToAddress = "collections@northwind.example",
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
        await db.DisposeAsync();
    }

    private async Task<int> PollAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<ReplyPoller>().PollAsync(CancellationToken.None);
    }

    private MimeMessage Mail(string subject, string to = "collections@northwind.example", string? inReplyTo = null)
    {
        var message = new MimeMessage { Subject = subject, Date = db.Time.GetUtcNow().AddYears(-1), MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("acme.example"), Body = new TextPart("plain") { Text = "We will pay on Friday." } };
        message.From.Add(new MailboxAddress("Anna", "ap@acme.example"));
        message.To.Add(MailboxAddress.Parse(to));
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        return message;
    }

    private async Task<(Customer Customer, string MessageId, string? ReplyTo)> RemindAsync(string name)
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
        await AddOverdueAsync(db, tenant, customer, $"{name}-1", 1);
        await RunAsync(db, tenant);
        var row = (await OutboxAsync(db, tenant)).Single(m => m.CustomerId == customer.Id);
        return (customer, row.MessageId, row.ReplyTo);
    }

    [Fact]
    public async Task Reply_poll_job_goes_on_past_a_tenant_whose_mailbox_fails_and_records_the_failure_for_that_tenant()
    {
        var broken = await LedgerBuilder.CreateTenantAsync(db, "Broken Mailbox Ltd");
        await using (var scope = db.ForTenant(broken))
        {
            scope.Db.TenantMailSettings.Add(new TenantMailSettings
            {
                Id = Guid.CreateVersion7(),
                ImapHost = "127.0.0.1",
                ImapPort = 1,
                ImapSecurity = SmtpSecurity.None,
                ImapUsername = "nobody",
            });
            await scope.Db.SaveChangesAsync();
        }

        var (_, messageId, _) = await RemindAsync("Acme");
        await imap.DeliverAsync(Mail("Re: Payment reminder", inReplyTo: messageId));

        await db.Services.GetRequiredService<ArCollect.Infrastructure.Jobs.ReplyPollJob>().RunAllAsync(CancellationToken.None);

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Equal(1, await scope.Db.InboundMessages.CountAsync());
            Assert.Empty(await scope.Db.JobRuns.ToListAsync());
        }

        await using (var scope = db.ForTenant(broken))
        {
            var failure = Assert.Single(await scope.Db.JobRuns.ToListAsync());
            Assert.Equal(("reply-poll", ArCollect.Infrastructure.Jobs.JobOutcome.Failed), (failure.Job, failure.Outcome));
            Assert.Contains("SocketException", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reply_is_threaded_by_in_reply_to_and_lands_unread_on_the_timeline()
    {
        var (acme, messageId, _) = await RemindAsync("Acme");
        await imap.DeliverAsync(Mail("Re: Payment reminder", inReplyTo: messageId));

        Assert.Equal(1, await PollAsync());

        await using var scope = db.ForTenant(tenant);
        var inbound = await scope.Db.InboundMessages.SingleAsync();
        Assert.Equal((acme.Id, false, false), (inbound.CustomerId!.Value, inbound.IsRead, inbound.IsAutoReply));
        Assert.NotNull(inbound.ReplyToOutboxId);
        var activity = await scope.Db.Activities.SingleAsync(a => a.Type == ActivityType.Reply);
        Assert.Equal("Reply from ap@acme.example: Re: Payment reminder", activity.Summary);
    }

    [Fact]
    public async Task Reply_without_headers_is_threaded_by_the_plus_address()
    {
        var (acme, _, replyTo) = await RemindAsync("Acme");
        Assert.Equal($"collections+c{acme.Id:N}@northwind.example", replyTo);
        await imap.DeliverAsync(Mail("Question about our invoice", to: replyTo!));

        await PollAsync();

        await using var scope = db.ForTenant(tenant);
        Assert.Equal(acme.Id, (await scope.Db.InboundMessages.SingleAsync()).CustomerId);
    }

    [Fact]
    public async Task Polling_again_stores_nothing_twice()
    {
        var (_, messageId, _) = await RemindAsync("Acme");
        await imap.DeliverAsync(Mail("Re: Payment reminder", inReplyTo: messageId));

        await PollAsync();
        var second = await PollAsync();

        Assert.Equal(0, second);
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(1, await scope.Db.InboundMessages.CountAsync());
    }

    [Fact]
    public async Task Out_of_office_does_not_count_as_a_response_but_a_real_reply_does()
    {
        var (quiet, quietId, _) = await RemindAsync("Quiet");
        var (talker, talkerId, _) = await RemindAsync("Talker");
        db.Time.Advance(TimeSpan.FromDays(6));
        await RunAsync(db, tenant);

        var ooo = Mail("Automatic reply: Overdue invoices", inReplyTo: quietId);
        ooo.Headers.Add("Auto-Submitted", "auto-replied");
        await imap.DeliverAsync(ooo);
        await imap.DeliverAsync(Mail("Re: Overdue invoices", inReplyTo: talkerId));
        await PollAsync();

        // Received now (the sender claims a date a year ago: the poll time counts), after both reminders.
        db.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(db, tenant);

        await using var scope = db.ForTenant(tenant);
        Assert.True((await scope.Db.InboundMessages.SingleAsync(m => m.CustomerId == quiet.Id)).IsAutoReply);
        var silenceTasks = await scope.Db.CollectionTasks.Where(t => t.Title.Contains("no response")).Select(t => t.CustomerId).ToListAsync();
        Assert.Equal([quiet.Id], silenceTasks);
        Assert.NotEqual(talker.Id, quiet.Id);
    }
}
