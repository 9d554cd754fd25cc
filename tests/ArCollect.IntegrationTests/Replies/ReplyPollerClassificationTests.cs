using System.Text;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ArCollect.IntegrationTests.Replies;

/// <summary>Replies read from a real dovecot IMAP server are classified as they are stored, whatever their size or charset.</summary>
public sealed class ReplyPollerClassificationTests : IAsyncLifetime
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

    private static MimeMessage Mail(MimeEntity body)
    {
        var message = new MimeMessage { Subject = "Re: Payment reminder", MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("acme.example"), Body = body };
        message.From.Add(new MailboxAddress("Anna", "ap@acme.example"));
        message.To.Add(MailboxAddress.Parse("collections@northwind.example"));
        return message;
    }

    private async Task<int> PollAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<ReplyPoller>().PollAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_5_MB_reply_in_an_unknown_charset_and_an_html_only_reply_are_stored_classified_and_queued_as_unmatched()
    {
        var huge = new TextPart("plain");
        var text = "We paid invoice INV-2026-00042 yesterday, reference TRX-556677.\n" + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 190_000));
        huge.SetText(Encoding.Latin1, text);
        huge.ContentType.Charset = "x-no-such-charset";
        await imap.DeliverAsync(Mail(huge));
        await imap.DeliverAsync(Mail(new TextPart("html") { Text = "<p>Could you send me a copy of invoice INV-2026-00043?</p><script>alert(1)</script><blockquote>Invoice INV-2026-00043 is overdue.</blockquote>" }));

        Assert.Equal(2, await PollAsync());

        await using var scope = db.ForTenant(tenant);
        var replies = await scope.Db.ReplyClassifications.Join(scope.Db.InboundMessages, r => r.InboundMessageId, m => m.Id, (r, m) => new { r, m })
            .OrderBy(x => x.m.MessageId).ToListAsync();
        Assert.Equal(2, replies.Count);
        Assert.All(replies, x => Assert.Null(x.r.CustomerId));
        var paid = replies.Single(x => x.r.StrippedText.StartsWith("We paid", StringComparison.Ordinal)).r;
        Assert.Equal(ReplyText.MaxClassifiedLength, paid.StrippedText.Length);
        Assert.Contains(paid.Intent, ReplyLabels.Intents);
        Assert.Equal("INV-2026-00042", paid.InvoiceNumbers);
        Assert.Equal("TRX-556677", paid.PaymentReferences);
        var html = replies.Single(x => x.r.HtmlBody is not null).r;
        Assert.Equal("Could you send me a copy of invoice INV-2026-00043?", html.StrippedText);
        Assert.Equal(ReplyLabels.InfoRequest, html.Intent);
    }

    [Fact]
    public async Task A_reply_quoting_the_reminder_without_a_header_is_read_up_to_the_reminders_first_repeated_line()
    {
        Guid customerId;
        const string reminderId = "reminder-7731@northwind.example";
        await using (var scope = db.ForTenant(tenant))
        {
            customerId = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme Dental Lab")).Id;
            await OutboxWriter.EnqueueAsync(scope.Db, new OutboxMessage
            {
                IdempotencyKey = "reminder:acme:1",
                Kind = MessageKind.Reminder,
                CustomerId = customerId,
                ToAddresses = "ap@acme.example",
                Subject = "Payment reminder",
                TextBody = "Dear customer,\nOur records show invoice INV-2026-00977 over 1,240.00 EUR as overdue since 15 November.\nPlease arrange payment or let us know if anything is unclear.\nNorthwind Supplies | Accounts Receivable",
                MessageId = reminderId,
                NotBefore = db.Time.GetUtcNow(),
                CreatedAt = db.Time.GetUtcNow(),
            }, CancellationToken.None);
        }

        // Mail converted from HTML: the reminder comes back below a logo line, with no "On ... wrote:" header and no "> ".
        var reply = Mail(new TextPart("plain")
        {
            Text = "Thanks, it goes out with our Friday payment run.\n\n[logo] Northwind Supplies <https://northwind.example>\n\nDear customer,\n"
                + "Our records show invoice INV-2026-00977 over 1,240.00 EUR as overdue since 15 November.\nPlease arrange payment or let us know if anything is unclear.",
        });
        reply.InReplyTo = reminderId;
        await imap.DeliverAsync(reply);

        Assert.Equal(1, await PollAsync());

        await using var check = db.ForTenant(tenant);
        var classification = await check.Db.ReplyClassifications.SingleAsync();
        Assert.Equal(customerId, classification.CustomerId);
        Assert.Equal("Thanks, it goes out with our Friday payment run.\n\n[logo] Northwind Supplies <https://northwind.example>", classification.StrippedText);
        Assert.Null(classification.InvoiceNumbers);
        Assert.Null(classification.Amount);
        Assert.Equal(ReplyLabels.Promise, classification.Intent);
    }
}
