using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Demo;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.IntegrationTests.Demo;

public sealed class BulkLoaderTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenantA;
    private Guid tenantB;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenantA = await LedgerBuilder.CreateTenantAsync(db, "Alpha GmbH");
        tenantB = await LedgerBuilder.CreateTenantAsync(db, "Beta Ltd");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Loaded_rows_read_back_through_EF_with_enums_nulls_and_the_computed_balance()
    {
        var customer = NewCustomer(tenantA, "Nordwind Logistik GmbH");
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantA,
            CustomerId = customer.Id,
            Number = "INV-1",
            Currency = "EUR",
            IssueDate = db.Today,
            DueDate = db.Today.AddDays(30),
            AmountPaid = 40m,
            CreatedAt = db.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(2)),
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Freight", Quantity = 2, UnitPrice = 50m, TaxRate = 19m }]);
        var dispute = new Dispute
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantA,
            CustomerId = customer.Id,
            InvoiceId = invoice.Id,
            Reason = DisputeReason.DamagedGoods,
            Status = DisputeStatus.Open,
            Amount = 10m,
            OpenedOn = db.Today,
        };

        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantA,
            CustomerId = customer.Id,
            ReceivedOn = db.Today,
            Amount = 40m,
            Currency = "EUR",
            CreatedAt = db.Time.GetUtcNow(),
        };
        payment.Allocations.Add(new PaymentAllocation { Id = Guid.CreateVersion7(), TenantId = tenantA, PaymentId = payment.Id, InvoiceId = invoice.Id, Amount = 40m });

        await using (var scope = db.ForTenant(tenantA))
        {
            // One transaction, as the demo seeder loads: the invoice's paid amount must meet its allocation by commit.
            await using var transaction = await scope.Db.Database.BeginTransactionAsync();
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, [customer], CancellationToken.None));
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, [invoice], CancellationToken.None));
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, invoice.Lines, CancellationToken.None));
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, [payment], CancellationToken.None));
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, payment.Allocations, CancellationToken.None));
            Assert.Equal(1, await BulkLoader.InsertAsync(scope.Db, [dispute], CancellationToken.None));
            await transaction.CommitAsync();
        }

        await using (var scope = db.ForTenant(tenantA))
        {
            var loaded = await scope.Db.Invoices.Include(i => i.Lines).SingleAsync();
            var loadedDispute = await scope.Db.Disputes.SingleAsync();
            var status = await scope.Db.Database.SqlQueryRaw<string>("SELECT status AS \"Value\" FROM disputes").SingleAsync();

            Assert.Equal(119m - 40m, loaded.Balance);
            Assert.Equal(invoice.CreatedAt, loaded.CreatedAt);
            Assert.Null(loaded.SettledOn);
            Assert.Equal("Freight", Assert.Single(loaded.Lines).Description);
            Assert.Equal(DisputeReason.DamagedGoods, loadedDispute.Reason);
            Assert.Null(loadedDispute.ResolvedOn);
            Assert.Equal("Open", status);
            Assert.Equal("EUR", (await scope.Db.Customers.SingleAsync()).Currency);
        }
    }

    [Fact]
    public async Task Rows_of_another_tenant_are_refused_by_row_level_security()
    {
        await using var scope = db.ForTenant(tenantA);

        var load = () => BulkLoader.InsertAsync(scope.Db, [NewCustomer(tenantB, "Intruder Ltd")], CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(load);
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task Loader_joins_the_callers_transaction()
    {
        await using (var scope = db.ForTenant(tenantA))
        {
            await using var transaction = await scope.Db.Database.BeginTransactionAsync();
            await BulkLoader.InsertAsync(scope.Db, [NewCustomer(tenantA, "First Ltd")], CancellationToken.None);
            await BulkLoader.InsertAsync(scope.Db, [NewCustomer(tenantA, "Second Ltd")], CancellationToken.None);
            Assert.Equal(2, await scope.Db.Customers.CountAsync());
            await transaction.RollbackAsync();
        }

        await using (var scope = db.ForTenant(tenantA))
        {
            Assert.Equal(0, await scope.Db.Customers.CountAsync());
        }
    }

    private Customer NewCustomer(Guid tenantId, string name) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Name = name,
        Currency = "EUR",
        CreatedAt = db.Time.GetUtcNow(),
        UpdatedAt = db.Time.GetUtcNow(),
    };
}
