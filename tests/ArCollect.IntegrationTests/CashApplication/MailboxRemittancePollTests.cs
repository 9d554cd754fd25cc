using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.CashApplication;

/// <summary>
/// Remittance advices emailed to the collections mailbox are read by the reply poll itself (a real dovecot IMAP server
/// on loopback), per tenant: one tenant's unreadable advice is recorded for that tenant only.
/// </summary>
public sealed class MailboxRemittancePollTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private ImapTestServer imap = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        imap = await ImapTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await imap.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task An_advice_emailed_in_reply_to_a_reminder_is_stored_by_the_poll_and_a_bad_one_is_recorded_for_its_tenant_only()
    {
        var northwind = await TenantWithMailboxAsync("Northwind Supplies", "collections@northwind.example");
        var southwind = await TenantWithMailboxAsync("Southwind Trading", "collections@southwind.example");
        var (acme, acmeReminder) = await RemindAsync(northwind, "Acme Trading GmbH", ("INV-7001", 700m), ("INV-7002", 300m));
        var (_, zetaReminder) = await RemindAsync(southwind, "Zeta Foods Ltd", ("INV-8001", 450m));
        await imap.DeliverAsync(Reply(acmeReminder, "Hello,\n\nour transfer today pays:\n\nInvoice\tAmount\nINV-7001\t700.00\nINV-7002\t300.00\n\nRegards"));
        await imap.DeliverAsync(Reply(zetaReminder, "Hello,\n\nwe pay:\n\nInvoice\tAmount\nINV-8001\t450.00\nINV-8009\t50.00\n"));

        await db.Services.GetRequiredService<ReplyPollJob>().RunAllAsync(CancellationToken.None);

        await using (var scope = db.ForTenant(northwind))
        {
            var advice = await scope.Db.RemittanceAdvices.Include(a => a.Lines).SingleAsync();
            Assert.Equal((acme.Id, RemittanceSource.Email, "ap@customer.example", 1000m), (advice.CustomerId, advice.Source, advice.SentBy, advice.Total));
            Assert.Equal([("INV-7001", 700m), ("INV-7002", 300m)], advice.Lines.OrderBy(l => l.Position).Select(l => (l.InvoiceNumber, l.Amount)));
            Assert.Empty(await scope.Db.JobRuns.ToListAsync());
        }

        await using (var scope = db.ForTenant(southwind))
        {
            Assert.Empty(await scope.Db.RemittanceAdvices.ToListAsync());
            var failure = Assert.Single(await scope.Db.JobRuns.ToListAsync());
            Assert.Equal((ReplyPollJob.RecurringId, JobOutcome.Failed), (failure.Job, failure.Outcome));
            Assert.Contains("could not be read", failure.Message, StringComparison.Ordinal);
            Assert.Contains("INV-8009", failure.Message, StringComparison.Ordinal);
            Assert.Equal(2, await scope.Db.InboundMessages.CountAsync());
        }

        // The next poll captures nothing new: nothing is stored twice, and the earlier failure is not repeated.
        await db.Services.GetRequiredService<ReplyPollJob>().RunAllAsync(CancellationToken.None);

        await using (var scope = db.ForTenant(northwind))
        {
            Assert.Equal(1, await scope.Db.RemittanceAdvices.CountAsync());
        }

        await using (var scope = db.ForTenant(southwind))
        {
            var runs = await scope.Db.JobRuns.OrderBy(r => r.StartedAt).ToListAsync();
            Assert.Equal([JobOutcome.Failed, JobOutcome.Succeeded], runs.Select(r => r.Outcome));
        }
    }

    private async Task<Guid> TenantWithMailboxAsync(string name, string replyTo)
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, name);
        await using var scope = db.ForTenant(tenant);
        var secrets = scope.Services.GetRequiredService<MailSecrets>();
        scope.Db.TenantMailSettings.Add(new TenantMailSettings
        {
            Id = Guid.CreateVersion7(),
            ReplyToAddress = replyTo,
            ImapHost = "127.0.0.1",
            ImapPort = imap.Port,
            ImapSecurity = SmtpSecurity.None,
            ImapUsername = ImapTestServer.User,
            ImapPasswordProtected = secrets.Protect(ImapTestServer.Password),
        });
        await scope.Db.SaveChangesAsync();
        return tenant;
    }

    private async Task<(Customer Customer, string ReminderMessageId)> RemindAsync(Guid tenant, string name, params (string Number, decimal Amount)[] invoices)
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
        foreach (var (number, amount) in invoices)
        {
            await AddOverdueAsync(db, tenant, customer, number, 1, amount);
        }

        await RunAsync(db, tenant);
        return (customer, (await OutboxAsync(db, tenant)).Single(m => m.CustomerId == customer.Id).MessageId);
    }

    private MimeMessage Reply(string inReplyTo, string text)
    {
        var message = new MimeMessage
        {
            Subject = "Re: Payment reminder",
            Date = db.Time.GetUtcNow(),
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"),
            Body = new TextPart("plain") { Text = text },
            InReplyTo = inReplyTo,
        };
        message.References.Add(inReplyTo);
        message.From.Add(new MailboxAddress("Accounts payable", "ap@customer.example"));
        message.To.Add(MailboxAddress.Parse("collections@example.test"));
        return message;
    }
}
