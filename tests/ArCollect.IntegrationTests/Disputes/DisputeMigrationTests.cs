using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DisputeMigrationTests : IAsyncLifetime
{
    private const string BeforeDisputeWorkflow = "20261202085614_AlertAcknowledgements";
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Old_statuses_and_reasons_become_the_new_lifecycle_with_items_and_disputed_amounts()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Legacy GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Old Customer");
        var open = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "L-1", 500m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        var credited = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "L-2", 300m, db.Today.AddDays(-40), db.Today.AddDays(-10));
        await using var dataSource = new NpgsqlDataSourceBuilder(db.AdminConnectionString).Build();
        await using (var owner = DatabaseMigrator.CreateOwnerContext(dataSource))
        {
            await owner.GetService<IMigrator>().MigrateAsync(BeforeDisputeWorkflow);
            await using var transaction = await owner.Database.BeginTransactionAsync();
            await owner.Database.ExecuteSqlAsync($"SELECT set_config('app.tenant_id', {tenant.ToString()}, true)");
            await owner.Database.ExecuteSqlAsync($"""
                INSERT INTO disputes (id, tenant_id, customer_id, invoice_id, reason, status, amount, opened_on, resolved_on, notes) VALUES
                  ({Guid.CreateVersion7()}, {tenant}, {customer.Id}, {open.Id}, 'DamagedGoods', 'Open', 120.00, {db.Today.AddDays(-5)}, NULL, 'Broken'),
                  ({Guid.CreateVersion7()}, {tenant}, {customer.Id}, {credited.Id}, 'PricingError', 'ResolvedCreditNote', 50.00, {db.Today.AddDays(-30)}, {db.Today.AddDays(-20)}, NULL),
                  ({Guid.CreateVersion7()}, {tenant}, {customer.Id}, {credited.Id}, 'NotReceived', 'Rejected', 300.00, {db.Today.AddDays(-60)}, {db.Today.AddDays(-50)}, NULL)
                """);
            await owner.Database.ExecuteSqlAsync($"UPDATE invoices SET is_disputed = true WHERE id = {open.Id}");
            await transaction.CommitAsync();
        }

        await DatabaseMigrator.MigrateAsync(db.AdminConnectionString, CancellationToken.None);

        await using var scope = db.ForTenant(tenant);
        var disputes = await scope.Db.Disputes.AsNoTracking().Include(d => d.Items).OrderBy(d => d.OpenedOn).ToListAsync();
        Assert.Equal(
            [("not-received", DisputeStatus.Resolved, (DisputeOutcome?)DisputeOutcome.Rejected), ("pricing", DisputeStatus.Resolved, DisputeOutcome.CreditNote), ("damaged-goods", DisputeStatus.Open, null)],
            disputes.Select(d => (d.ReasonCode, d.Status, d.Outcome)));
        Assert.All(disputes, d => Assert.Equal((d.InvoiceId, d.Amount), (Assert.Single(d.Items).InvoiceId, d.Items[0].Amount)));
        Assert.All(disputes, d => Assert.Equal("EUR", d.Currency));
        Assert.Equal(DisputePriority.Normal, disputes[0].Priority);
        var invoice = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == open.Id);
        Assert.Equal((true, 120m), (invoice.IsDisputed, invoice.DisputedAmount));
    }
}
