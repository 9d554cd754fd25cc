using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

public sealed class InvoiceAdjustmentsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Adjust SE");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Returns Ltd")).Id;
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<AdjustmentResult> AdjustAsync(bool writeOff, Guid invoiceId, decimal? amount, string reason)
    {
        await using var scope = db.ForTenant(tenant);
        var adjustments = scope.Services.GetRequiredService<InvoiceAdjustments>();
        var input = new AdjustmentInput { InvoiceId = invoiceId, Amount = amount, Reason = reason, Date = db.Today };
        return writeOff ? await adjustments.WriteOffAsync(input, CancellationToken.None) : await adjustments.CreditAsync(input, CancellationToken.None);
    }

    [Fact]
    public async Task Credit_note_then_write_off_close_the_invoice_and_are_kept_apart()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 300m, new DateOnly(2026, 4, 1));

        var credit = await AdjustAsync(false, invoice.Id, 100m, "Goods returned");
        var writeOff = await AdjustAsync(true, invoice.Id, null, "Customer insolvent");

        Assert.True(credit.Succeeded);
        Assert.Equal("CN-2026-00001", credit.Number);
        Assert.Equal(200m, writeOff.Amount);
        await using var scope = db.ForTenant(tenant);
        var closed = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id);
        Assert.Equal(100m, closed.AmountCredited);
        Assert.Equal(200m, closed.AmountWrittenOff);
        Assert.Equal(0m, closed.Balance);
        Assert.Equal(InvoiceStatus.WrittenOff, closed.StatusOn(db.Today));
        Assert.Equal("Customer insolvent", (await scope.Db.WriteOffs.AsNoTracking().SingleAsync()).Reason);
        Assert.Equal(100m, await scope.Db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoice.Id).SumAsync(c => c.Amount));
        Assert.Equal(2, await scope.Db.AuditEntries.AsNoTracking().CountAsync(a => a.EntityType == nameof(WriteOff) || a.EntityType == nameof(CreditNote)));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task More_than_the_open_balance_is_refused_and_changes_nothing()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 50m, new DateOnly(2026, 5, 1));

        var result = await AdjustAsync(false, invoice.Id, 60m, "Price dispute");

        Assert.False(result.Succeeded);
        Assert.Equal("Amount", result.Errors.Single().Field);
        Assert.Contains("at most EUR 50.00", result.Errors.Single().Message, StringComparison.Ordinal);
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(50m, (await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id)).Balance);
    }

    [Fact]
    public async Task Drafts_cannot_be_credited()
    {
        var draft = await InvoicingBuilder.AddDraftAsync(db, tenant, customer, 75m, new DateOnly(2026, 6, 1));

        var result = await AdjustAsync(true, draft.Id, null, "Never sent");

        Assert.Contains("not issued", result.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_cannot_see_keys_counters_settings_or_write_offs()
    {
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 40m, new DateOnly(2026, 5, 2));
        await AdjustAsync(true, invoice.Id, null, "Small balance");
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s => s.PaymentInstructions = "IBAN DE00");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Services.GetRequiredService<ApiKeyService>().CreateAsync("ERP", CancellationToken.None);
        }

        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Co");
        await using var otherScope = db.ForTenant(other);

        Assert.Equal(0, await otherScope.Db.ApiKeys.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await otherScope.Db.DocumentCounters.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await otherScope.Db.InvoicingSettings.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await otherScope.Db.WriteOffs.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await otherScope.Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM api_keys").SingleAsync());
    }
}
