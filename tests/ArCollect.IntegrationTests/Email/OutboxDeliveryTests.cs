using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.IntegrationTests.Email;

public sealed class OutboxDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase db = new();
    private readonly string pickup = Path.Combine(Path.GetTempPath(), $"arcollect-mail-{Guid.NewGuid():N}");
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Mail Co");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(pickup))
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_decision_written_twice_yields_one_message()
    {
        await using var scope = db.ForTenant(tenant);

        var first = await OutboxWriter.EnqueueAsync(scope.Db, Message("reminder:c1:step2:inv1,inv2", "ap@customer.example"), CancellationToken.None);
        var second = await OutboxWriter.EnqueueAsync(scope.Db, Message("reminder:c1:step2:inv1,inv2", "ap@customer.example"), CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, await scope.Db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Due_messages_are_delivered_once_and_marked_sent_with_their_message_id()
    {
        await using (var write = db.ForTenant(tenant))
        {
            await OutboxWriter.EnqueueAsync(write.Db, Message("k1", "ap@one.example"), CancellationToken.None);
            await OutboxWriter.EnqueueAsync(write.Db, Message("k2", "ap@two.example"), CancellationToken.None);
        }

        var sentFirst = await SendAsync(Transport());
        var sentAgain = await SendAsync(Transport());

        Assert.Equal(2, sentFirst);
        Assert.Equal(0, sentAgain);
        var files = Directory.GetFiles(pickup, "*.eml");
        Assert.Equal(2, files.Length);
        await using var read = db.ForTenant(tenant);
        var rows = await read.Db.OutboxMessages.AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var parsed = await MimeMessage.LoadAsync(files[0]);
        Assert.Contains(rows, r => r.MessageId == parsed.MessageId);
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_every_message_exactly_once()
    {
        await using (var write = db.ForTenant(tenant))
        {
            for (var i = 0; i < 60; i++)
            {
                await OutboxWriter.EnqueueAsync(write.Db, Message($"bulk-{i}", $"ap{i}@customer.example"), CancellationToken.None);
            }
        }

        var counting = new CountingTransport(Transport());
        var results = await Task.WhenAll(SendAsync(counting), SendAsync(counting));

        Assert.Equal(60, results.Sum());
        Assert.Equal(60, counting.Sent.Count);
        Assert.Equal(60, counting.Sent.Distinct().Count());
    }

    [Fact]
    public async Task A_message_claimed_by_a_sender_that_died_after_delivering_is_not_sent_again()
    {
        await using (var write = db.ForTenant(tenant))
        {
            await OutboxWriter.EnqueueAsync(write.Db, Message("crash-1", "ap@crash.example"), CancellationToken.None);
        }

        // The first sender delivers, then dies before recording it: the row stays claimed ("Sending").
        var transport = Transport();
        await using (var scope = db.ForTenant(tenant))
        {
            var row = await scope.Db.OutboxMessages.SingleAsync();
            await transport.SendAsync([MessageComposer.Compose(row, "ArCollect <ar@mail.example>")], _ => Task.CompletedTask, CancellationToken.None);
            await scope.Db.OutboxMessages.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.Attempts, 1)
                .SetProperty(m => m.ClaimedUntil, db.Time.GetUtcNow().AddMinutes(5)));
        }

        db.Time.Advance(TimeSpan.FromMinutes(6));
        var counting = new CountingTransport(transport);
        await SendAsync(counting);

        Assert.Empty(counting.Sent);
        Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        await using var read = db.ForTenant(tenant);
        Assert.Equal(OutboxStatus.Sent, (await read.Db.OutboxMessages.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_message_not_due_yet_waits_for_its_time()
    {
        await using (var write = db.ForTenant(tenant))
        {
            var later = Message("later", "ap@later.example");
            later.NotBefore = db.Time.GetUtcNow().AddHours(3);
            await OutboxWriter.EnqueueAsync(write.Db, later, CancellationToken.None);
        }

        Assert.Equal(0, await SendAsync(Transport()));
        db.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await SendAsync(Transport()));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_outbox()
    {
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Co");
        await using (var write = db.ForTenant(tenant))
        {
            await OutboxWriter.EnqueueAsync(write.Db, Message("mine", "ap@mine.example"), CancellationToken.None);
        }

        await using var scope = db.ForTenant(other);
        Assert.Equal(0, await scope.Db.OutboxMessages.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await SendAsync(Transport(), other));
    }

    private PickupDirectoryTransport Transport() => new(Options.Create(new EmailOptions { PickupDirectory = pickup }));

    private async Task<int> SendAsync(IMailTransport transport, Guid? tenantId = null)
    {
        await using var scope = db.ForTenant(tenantId ?? tenant);
        var options = Options.Create(new EmailOptions { PickupDirectory = pickup, BatchSize = 7 });
        var sender = new OutboxSender(
            scope.Db, transport, new SmtpMailTransport(options), scope.Services.GetRequiredService<MailSecrets>(), options, db.Time, NullLogger<OutboxSender>.Instance);
        return await sender.SendDueAsync(CancellationToken.None);
    }

    private OutboxMessage Message(string key, string to) => new()
    {
        IdempotencyKey = key,
        Kind = MessageKind.Reminder,
        ToAddresses = to,
        Subject = "Your open invoices",
        TextBody = "Please pay.",
        MessageId = MessageComposer.NewMessageId("mail.example"),
        NotBefore = db.Time.GetUtcNow(),
        CreatedAt = db.Time.GetUtcNow(),
    };

    /// <summary>Wraps the real pickup transport and records what was handed to it.</summary>
    private sealed class CountingTransport(IMailTransport inner) : IMailTransport
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Sent { get; } = [];

        public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, Func<DeliveryResult, Task> onResult, CancellationToken cancellationToken)
        {
            foreach (var m in messages)
            {
                Sent.Add(m.MessageId!);
            }

            return await inner.SendAsync(messages, onResult, cancellationToken);
        }

        public Task<bool?> WasDeliveredAsync(string messageId, CancellationToken cancellationToken) => inner.WasDeliveredAsync(messageId, cancellationToken);
    }
}
