using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Disputes;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Disputes.DisputeTestKit;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DisputeLifecycleTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Dispute Works");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme")).Id;
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_dispute_moves_through_review_and_waiting_to_a_rejection_the_customer_is_told_about()
    {
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-1", 1000m, db.Today.AddDays(-40), db.Today.AddDays(-10));

        var opened = await OpenAsync(db, tenant, "not-received", (invoice.Id, 1000m));
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
        var id = opened.Id!.Value;
        await using (var scope = db.ForTenant(tenant))
        {
            var service = scope.Services.GetRequiredService<DisputeService>();
            Assert.True((await service.ChangeStatusAsync(id, DisputeStatus.InReview, CancellationToken.None)).Succeeded);
            Assert.True((await service.CommentAsync(id, new DisputeCommentInput { Body = "Carrier asked for the proof of delivery." }, CancellationToken.None)).Succeeded);
            Assert.True((await service.ChangeStatusAsync(id, DisputeStatus.WaitingOnCustomer, CancellationToken.None)).Succeeded);
            var again = await service.ChangeStatusAsync(id, DisputeStatus.WaitingOnCustomer, CancellationToken.None);
            Assert.Equal("Status", Assert.Single(again.Errors).Field);
        }

        var rejected = await ResolveAsync(db, tenant, id, DisputeOutcome.Rejected, explanation: "Our carrier's proof of delivery is signed by your warehouse.");

        Assert.True(rejected.Succeeded, string.Join("; ", rejected.Errors));
        var dispute = await LoadAsync(db, tenant, id);
        Assert.Equal((DisputeStatus.Resolved, DisputeOutcome.Rejected), (dispute.Status, dispute.Outcome));
        Assert.Equal(db.Today, dispute.ResolvedOn);
        Assert.Equal(1, await DeliverAsync(db, tenant));
        await using var check = db.ForTenant(tenant);
        var mail = Assert.Single(await check.Db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.Notification).ToListAsync());
        Assert.Equal(OutboxStatus.Sent, mail.Status);
        Assert.Equal("ap@acme.example", mail.ToAddresses);
        Assert.Equal("Your dispute about invoice INV-1", mail.Subject);
        Assert.Contains("proof of delivery is signed", mail.TextBody, StringComparison.Ordinal);
        var comments = await check.Db.DisputeComments.AsNoTracking().OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.Kind).ToListAsync();
        Assert.Equal([DisputeCommentKind.Internal, DisputeCommentKind.ToCustomer], comments);
        var timeline = await check.Db.Activities.AsNoTracking().Where(a => a.Type == ActivityType.Dispute).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Summary).ToListAsync();
        Assert.Equal(6, timeline.Count);
        Assert.StartsWith("Dispute opened on INV-1: Not received (EUR 1,000.00)", timeline[0], StringComparison.Ordinal);
        Assert.Contains("Dispute rejected; the explanation was emailed to the customer", timeline);
        var audited = await check.Db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync();
        Assert.Equal(1, audited.Count(a => a == "Added"));
        Assert.Equal(3, audited.Count(a => a == "Modified"));
        var released = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((false, 0m), (released.IsDisputed, released.DisputedAmount));
    }

    [Fact]
    public async Task A_disputed_amount_beyond_the_open_amount_is_a_field_error_and_nothing_is_saved()
    {
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-2", 300m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        Assert.True((await OpenAsync(db, tenant, "pricing", (invoice.Id, 200m))).Succeeded);

        var tooMuch = await OpenAsync(db, tenant, "pricing", (invoice.Id, 150m));
        var unknownReason = await OpenAsync(db, tenant, "weather", (invoice.Id, 10m));

        var error = Assert.Single(tooMuch.Errors);
        Assert.Equal("Items[0].Amount", error.Field);
        Assert.Contains("enter at most EUR 100.00", error.Message, StringComparison.Ordinal);
        Assert.Equal("ReasonCode", Assert.Single(unknownReason.Errors).Field);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(1, await check.Db.Disputes.CountAsync());
        Assert.Equal(200m, (await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id)).DisputedAmount);
    }

    [Fact]
    public async Task A_partial_credit_note_from_a_dispute_credits_the_invoice_and_releases_the_disputed_amount()
    {
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-3", 1000m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        var id = (await OpenAsync(db, tenant, "damaged-goods", (invoice.Id, 300m))).Id!.Value;

        var tooMuch = await ResolveAsync(db, tenant, id, DisputeOutcome.CreditNote, amount: 301m);
        var credited = await ResolveAsync(db, tenant, id, DisputeOutcome.CreditNote, amount: 200m, explanation: "Two cartons damaged");

        Assert.Equal("Amount", Assert.Single(tooMuch.Errors).Field);
        Assert.True(credited.Succeeded, string.Join("; ", credited.Errors));
        var dispute = await LoadAsync(db, tenant, id);
        Assert.Equal(DisputeOutcome.CreditNote, dispute.Outcome);
        await using var check = db.ForTenant(tenant);
        var note = await check.Db.CreditNotes.AsNoTracking().SingleAsync();
        Assert.Equal(dispute.CreditNoteId, note.Id);
        Assert.Equal(200m, note.Amount);
        Assert.Equal("Dispute: Damaged goods - Two cartons damaged", note.Reason);
        var after = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((200m, 800m, 0m, false), (after.AmountCredited, after.Balance, after.DisputedAmount, after.IsDisputed));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_rebill_cancels_the_invoice_and_drafts_a_corrected_one_without_the_disputed_amount()
    {
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-4", 500m, db.Today.AddDays(-20), db.Today.AddDays(10));
        var id = (await OpenAsync(db, tenant, "pricing", (invoice.Id, 50m))).Id!.Value;

        var rebilled = await ResolveAsync(db, tenant, id, DisputeOutcome.Rebill);

        Assert.True(rebilled.Succeeded, string.Join("; ", rebilled.Errors));
        var dispute = await LoadAsync(db, tenant, id);
        await using var check = db.ForTenant(tenant);
        var original = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        var draft = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.RebillInvoiceId);
        Assert.Equal((500m, 0m), (original.AmountCredited, original.Balance));
        Assert.Equal(450m, draft.Total);
        Assert.Equal("Replaces invoice INV-4.", draft.Notes);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_withdrawn_dispute_puts_the_whole_balance_back_in_collection()
    {
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-5", 400m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        var id = (await OpenAsync(db, tenant, "quantity", (invoice.Id, 400m))).Id!.Value;
        await using (var scope = db.ForTenant(tenant))
        {
            Assert.True((await scope.Services.GetRequiredService<DisputeService>().ChangeStatusAsync(id, DisputeStatus.Withdrawn, CancellationToken.None)).Succeeded);
        }

        await using var check = db.ForTenant(tenant);
        var after = await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((false, 0m), (after.IsDisputed, after.DisputedAmount));
        Assert.Equal(DisputeStatus.Withdrawn, (await LoadAsync(db, tenant, id)).Status);
    }
}
