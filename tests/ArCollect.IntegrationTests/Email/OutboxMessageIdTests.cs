using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;

namespace ArCollect.IntegrationTests.Email;

/// <summary>A Message-ID stored with its angle brackets (as invitations and alerts write it) goes out like any other.</summary>
public sealed class OutboxMessageIdTests : IAsyncLifetime
{
    private readonly int smtpPort = SmtpTestServer.FreePort();
    private readonly TestDatabase db;
    private SmtpTestServer smtp = null!;
    private OutboxTestKit kit = null!;
    private Guid tenant;

    public OutboxMessageIdTests() => db = new TestDatabase { ConfigureServices = s => OutboxTestKit.AddEmail(s, smtpPort) };

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync(smtpPort);
        kit = new OutboxTestKit(db, smtp);
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Bracket Trading");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task A_bracketed_message_id_is_delivered_once_and_does_not_stop_the_tenants_other_messages()
    {
        await kit.EnqueueAsync(tenant, 2);
        await using (var scope = db.ForTenant(tenant))
        {
            await OutboxWriter.EnqueueAsync(scope.Db, new OutboxMessage
            {
                IdempotencyKey = "invitation:bracketed",
                Kind = MessageKind.Invitation,
                ToAddresses = "new.user@example.com",
                Subject = "You are invited",
                TextBody = "Hello",
                MessageId = "<0192bracketed@arcollect.invitations>",
                NotBefore = db.Time.GetUtcNow(),
                CreatedAt = db.Time.GetUtcNow(),
            }, CancellationToken.None);
        }

        await kit.RunJobAsync();
        await kit.RunJobAsync();

        Assert.All(await kit.RowsAsync(tenant), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal([1, 1, 1], kit.DeliveriesByMessageId().Values);
        Assert.Contains("0192bracketed@arcollect.invitations", kit.DeliveriesByMessageId().Keys);
    }
}
