using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Replies;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Replies;

/// <summary>Captured replies classified and turned into actions on real PostgreSQL, with the real reminder run.</summary>
public sealed class ReplyIntelligenceTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<ReplyClassification> ReceiveAsync(Customer? customer, string text)
    {
        await using var scope = db.ForTenant(tenant);
        var message = new InboundMessage
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer?.Id,
            MessageId = $"{Guid.NewGuid():N}@acme.example",
            FromAddress = "ap@acme.example",
            Subject = "Re: Payment reminder",
            TextBody = text,
            ReceivedAt = db.Time.GetUtcNow(),
        };
        scope.Db.InboundMessages.Add(message);
        var classification = await scope.Services.GetRequiredService<ReplyIntake>().ClassifyAsync(message, null, CancellationToken.None);
        await scope.Db.SaveChangesAsync();
        return classification;
    }

    private async Task<int> RemindersToAsync(Customer customer) => (await OutboxAsync(db, tenant)).Count(m => m.CustomerId == customer.Id);

    [Fact]
    public async Task A_reply_promising_a_date_becomes_a_promise_with_one_click_and_pauses_reminders()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme GmbH");
        var other = await LedgerBuilder.AddCustomerAsync(db, tenant, "Other Ltd");
        await AddOverdueAsync(db, tenant, acme, "INV-1001", 10, 250m);
        await AddOverdueAsync(db, tenant, other, "INV-2001", 10, 250m);
        var promised = db.Today.AddDays(9);

        var reply = await ReceiveAsync(acme, $"Hello,\n\nWe will pay invoice INV-1001 on {promised:dd.MM.yyyy}.\n\nOn 5 Jun 2026, Northwind <ar@northwind.example> wrote:\n> Invoice INV-1001 is overdue. Please pay.");

        Assert.Equal(ReplyLabels.Promise, reply.Intent);
        Assert.Equal(ReplyAction.RecordPromise, reply.SuggestedAction);
        Assert.Equal(promised, reply.PromisedDate);
        Assert.Equal("INV-1001", reply.InvoiceNumbers);
        Assert.DoesNotContain("overdue", reply.StrippedText, StringComparison.Ordinal);

        await using (var scope = db.ForTenant(tenant))
        {
            var actions = scope.Services.GetRequiredService<ReplyActions>();
            var stored = (await actions.FindAsync(reply.Id, CancellationToken.None))!;
            Assert.Empty(await actions.RecordPromiseAsync(stored, stored.PromisedDate, 250m, null, CancellationToken.None));
        }

        await RunAsync(db, tenant);

        Assert.Equal(0, await RemindersToAsync(acme));
        Assert.Equal(1, await RemindersToAsync(other));
        await using var check = db.ForTenant(tenant);
        var promise = await check.Db.Promises.SingleAsync();
        Assert.Equal((acme.Id, promised, 250m, PromiseStatus.Open), (promise.CustomerId, promise.PromisedDate, promise.Amount, promise.Status));
        Assert.Equal(ReplySuggestionStatus.Accepted, (await check.Db.ReplyClassifications.SingleAsync()).Status);
    }

    [Fact]
    public async Task An_angry_reply_goes_to_a_manager_and_holds_reminders_until_a_person_acknowledges_it()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme GmbH");
        await AddOverdueAsync(db, tenant, acme, "INV-1001", 10);

        var reply = await ReceiveAsync(acme, "This is completely unacceptable. Stop harassing us with these emails!");
        Assert.Equal(ReplyLabels.Angry, reply.Tone);
        Assert.True(reply.NeedsAcknowledgement);

        await RunAsync(db, tenant);
        Assert.Equal(0, await RemindersToAsync(acme));
        var task = Assert.Single(await TasksAsync(db, tenant), t => t.Source == "Reply tone");
        Assert.Equal(TaskAssignee.Manager, task.Assignee);

        await using (var scope = db.ForTenant(tenant))
        {
            var actions = scope.Services.GetRequiredService<ReplyActions>();
            await actions.AcknowledgeAsync((await actions.FindAsync(reply.Id, CancellationToken.None))!, null, CancellationToken.None);
        }

        await RunAsync(db, tenant);
        Assert.Equal(1, await RemindersToAsync(acme));
        Assert.Equal(CollectionTaskStatus.Done, (await TasksAsync(db, tenant)).Single(t => t.Source == "Reply tone").Status);
    }

    [Fact]
    public async Task A_dispute_amount_beyond_the_open_amount_is_a_field_error_and_changes_nothing()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme GmbH");
        await AddOverdueAsync(db, tenant, acme, "INV-1001", 10, 100m);
        var reply = await ReceiveAsync(acme, "Please issue a credit note, the goods on INV-1001 were broken on arrival.");
        Assert.Equal(ReplyLabels.Dispute, reply.Intent);
        Assert.Equal(DisputeReason.DamagedGoods, reply.DisputeReason);

        await using (var scope = db.ForTenant(tenant))
        {
            var actions = scope.Services.GetRequiredService<ReplyActions>();
            var stored = (await actions.FindAsync(reply.Id, CancellationToken.None))!;
            var invoice = await scope.Db.Invoices.SingleAsync();
            var errors = await actions.OpenDisputeAsync(stored, invoice.Id, DisputeReason.DamagedGoods, 150m, null, CancellationToken.None);
            Assert.Equal("Amount", Assert.Single(errors).Field);
            Assert.Contains("more than the open amount 100.00 EUR of INV-1001", errors[0].Message, StringComparison.Ordinal);
        }

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Empty(await scope.Db.Disputes.ToListAsync());
            Assert.False((await scope.Db.Invoices.SingleAsync()).IsDisputed);
            var actions = scope.Services.GetRequiredService<ReplyActions>();
            var stored = (await actions.FindAsync(reply.Id, CancellationToken.None))!;
            Assert.Equal(ReplySuggestionStatus.Open, stored.Status);
            Assert.Empty(await actions.OpenDisputeAsync(stored, (await scope.Db.Invoices.SingleAsync()).Id, DisputeReason.DamagedGoods, 60m, null, CancellationToken.None));
        }

        await using var check = db.ForTenant(tenant);
        var dispute = await check.Db.Disputes.SingleAsync();
        Assert.Equal((DisputeReason.DamagedGoods, 60m, DisputeStatus.Open), (dispute.Reason, dispute.Amount, dispute.Status));
        Assert.True((await check.Db.Invoices.SingleAsync()).IsDisputed);
    }

    [Fact]
    public async Task A_reply_matching_no_customer_waits_unmatched_until_put_on_one()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme GmbH");
        var reply = await ReceiveAsync(null, "Could you send me a copy of invoice INV-1001?");
        Assert.Null(reply.CustomerId);

        await using (var scope = db.ForTenant(tenant))
        {
            var actions = scope.Services.GetRequiredService<ReplyActions>();
            var stored = (await actions.FindAsync(reply.Id, CancellationToken.None))!;
            Assert.Equal("CustomerName", Assert.Single(await actions.AssignAsync(stored, "Nobody Inc", null, CancellationToken.None)).Field);
            Assert.Empty(await actions.AssignAsync(stored, "acme gmbh", null, CancellationToken.None));
        }

        await using var check = db.ForTenant(tenant);
        var classification = await check.Db.ReplyClassifications.SingleAsync();
        Assert.Equal(acme.Id, classification.CustomerId);
        Assert.Equal(acme.Id, (await check.Db.InboundMessages.SingleAsync()).CustomerId);
    }
}
