using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

public sealed class InvoiceRebillingTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Rebill SA");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Picky Buyer")).Id;
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<RebillResult> RebillAsync(Guid invoiceId, string? reason)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<InvoiceRebilling>().CancelAndRebillAsync(invoiceId, reason, CancellationToken.None);
    }

    [Fact]
    public async Task Cancel_and_rebill_credits_the_invoice_in_full_and_makes_a_linked_draft_copy()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 5, 4), terms: "Net 30", taxRate: 19m);

        var result = await RebillAsync(invoice.Id, "Wrong quantity on line 1");

        Assert.True(result.Succeeded);
        Assert.Equal(1190m, result.Credited);
        await using var scope = db.ForTenant(tenant);
        var cancelled = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal((1190m, 0m, InvoiceState.Issued), (cancelled.AmountCredited, cancelled.Balance, cancelled.State));
        var note = await scope.Db.CreditNotes.AsNoTracking().SingleAsync(c => c.InvoiceId == invoice.Id);
        Assert.Equal((result.CreditNoteNumber, "Cancelled and rebilled: Wrong quantity on line 1"), (note.Number, note.Reason));
        var draft = await scope.Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.RebillOfId == invoice.Id);
        Assert.Equal((InvoiceState.Draft, customer, "EUR", 1190m, "Net 30"), (draft.State, draft.CustomerId, draft.Currency, draft.Total, draft.Terms));
        Assert.Equal((db.Today, db.Today.AddDays(30), invoice.IssueDate), (draft.IssueDate, draft.DueDate, draft.SupplyDate!.Value));
        var line = Assert.Single(draft.Lines);
        Assert.Equal(("Consulting", 1000m, 19m), (line.Description, line.UnitPrice, line.TaxRate));
        Assert.Equal(result.Draft!.Id, draft.Id);
        await LedgerAssert.ConsistentAsync(db, tenant);

        // The draft is an ordinary draft: it issues under the next number.
        var issued = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft.Id, CancellationToken.None);
        Assert.True(issued.Succeeded);
        Assert.NotEqual(invoice.Number, issued.Invoice!.Number);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Paid_invoices_invoices_rebilled_before_and_a_missing_reason_are_refused_without_changes()
    {
        var paid = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 300m, new DateOnly(2026, 5, 4));
        await ArCollect.IntegrationTests.Dashboards.DashboardLedger.PayAsync(db, tenant, paid, 100m, new DateOnly(2026, 5, 10));
        var once = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 200m, new DateOnly(2026, 5, 5));

        var noReason = await RebillAsync(once.Id, " ");
        var first = await RebillAsync(once.Id, "Wrong address");
        var second = await RebillAsync(once.Id, "Again");
        var ofPaid = await RebillAsync(paid.Id, "Wrong price");

        Assert.Equal("Reason", noReason.Errors.Single().Field);
        Assert.True(first.Succeeded);
        Assert.Contains("already cancelled and rebilled", second.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Contains("EUR 100.00 paid", ofPaid.Errors.Single().Message, StringComparison.Ordinal);
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(1, await scope.Db.CreditNotes.CountAsync());
        Assert.Equal(1, await scope.Db.Invoices.CountAsync(i => i.RebillOfId != null));
        Assert.Equal(200m, await scope.Db.Invoices.Where(i => i.Id == paid.Id).Select(i => i.Balance).SingleAsync());
        await LedgerAssert.ConsistentAsync(db, tenant);
    }
}
