using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Payments;

public sealed class PaymentRecorderTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;
    private Invoice older = null!;
    private Invoice newer = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Payments Co");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Paying Customer")).Id;
        older = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-1", 1000m, db.Today.AddDays(-60), db.Today.AddDays(-30));
        newer = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-2", 500m, db.Today.AddDays(-20), db.Today.AddDays(10));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_payment_settles_the_oldest_invoice_first_and_leaves_the_rest_open()
    {
        // 1,200 received: INV-1 (1,000, oldest due) is paid in full, INV-2 gets 200 and keeps 300 open.
        var result = await RecordAsync(1200m, "BANK-1");

        Assert.True(result.Succeeded);
        await using var scope = db.ForTenant(tenant);
        var invoices = await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).ToListAsync();
        Assert.Equal(0m, invoices[0].Balance);
        Assert.Equal(InvoiceStatus.Paid, invoices[0].StatusOn(db.Today));
        Assert.Equal(db.Today, invoices[0].SettledOn);
        Assert.Equal(300m, invoices[1].Balance);
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoices[1].StatusOn(db.Today));
        Assert.Null(invoices[1].SettledOn);
        await LedgerAssert.ConsistentAsync(db, tenant);
        Assert.Contains(await scope.Db.Activities.AsNoTracking().ToListAsync(), a => a.Type == ActivityType.Payment && a.Summary.Contains("1,200.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Money_beyond_the_open_invoices_stays_unapplied_on_the_payment()
    {
        var result = await RecordAsync(1600m, "BANK-2");

        await using var scope = db.ForTenant(tenant);
        var payment = await scope.Db.Payments.AsNoTracking().Include(p => p.Allocations).SingleAsync(p => p.Id == result.Payment!.Id);
        Assert.Equal(100m, payment.UnappliedAmount);
        Assert.Equal(1500m, payment.Allocations.Sum(a => a.Amount));
    }

    [Fact]
    public async Task The_same_reference_twice_is_refused_and_changes_nothing()
    {
        await RecordAsync(100m, "BANK-3");

        var again = await RecordAsync(100m, "BANK-3");

        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Field == "Reference" && e.Message.Contains("BANK-3", StringComparison.Ordinal));
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(1, await scope.Db.Payments.CountAsync());
        Assert.Equal(900m, (await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Number == "INV-1")).Balance);
    }

    [Fact]
    public async Task Applying_more_than_an_invoice_is_open_for_is_refused_and_saves_nothing()
    {
        var result = await RecordAsync(800m, "BANK-4", [new AllocationRequest(newer.Id, 800m)]);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("INV-2", StringComparison.Ordinal));
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(0, await scope.Db.Payments.CountAsync());
        Assert.Equal(1500m, await scope.Db.Invoices.SumAsync(i => i.Balance));
    }

    [Fact]
    public async Task Two_clerks_recording_at_once_never_apply_more_than_an_invoice_is_worth()
    {
        var results = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => RecordAsync(1000m, $"PAR-{i}")));

        Assert.All(results, r => Assert.True(r.Succeeded));
        await using var scope = db.ForTenant(tenant);
        var invoices = await scope.Db.Invoices.AsNoTracking().ToListAsync();
        Assert.All(invoices, i => Assert.True(i.AmountPaid <= i.Total, $"{i.Number} paid {i.AmountPaid} of {i.Total}"));
        Assert.Equal(0m, invoices.Sum(i => i.Balance));
        var unapplied = await scope.Db.Payments.SumAsync(p => p.UnappliedAmount);
        Assert.Equal(4000m - 1500m, unapplied);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Every_change_to_money_leaves_an_audit_entry()
    {
        var result = await RecordAsync(1000m, "BANK-5");

        await using var scope = db.ForTenant(tenant);
        var audit = await scope.Db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.Contains(audit, a => a.EntityType == "Payment" && a.Action == "Added" && a.EntityId == result.Payment!.Id);
        Assert.Contains(audit, a => a.EntityType == "PaymentAllocation" && a.Action == "Added");
        var invoiceChange = Assert.Single(audit, a => a.EntityType == "Invoice" && a.Action == "Modified" && a.EntityId == older.Id);
        Assert.Contains("AmountPaid", invoiceChange.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_typed_with_more_decimals_than_cents_is_rounded_first_and_settles_the_invoice()
    {
        // 999.996 is 1,000.00 to the cent: INV-1 is paid, settled today, and nothing is left open or unapplied.
        var result = await RecordAsync(999.996m, "BANK-6", [new AllocationRequest(older.Id, 999.996m)]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        await using var scope = db.ForTenant(tenant);
        var invoice = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == older.Id);
        Assert.Equal((0m, db.Today), (invoice.Balance, invoice.SettledOn));
        var payment = await scope.Db.Payments.AsNoTracking().SingleAsync();
        Assert.Equal((1000m, 0m), (payment.Amount, payment.UnappliedAmount));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_yen_payment_is_rounded_to_whole_yen()
    {
        var yenCustomer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Osaka Parts", "JPY")).Id;
        var yenInvoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, yenCustomer, "INV-JP-1", 15000m, db.Today.AddDays(-10), db.Today.AddDays(20), "JPY");
        await using (var record = db.ForTenant(tenant))
        {
            var result = await record.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = yenCustomer,
                Amount = 14999.6m,
                Currency = "JPY",
                ReceivedOn = db.Today,
                Reference = "JP-1",
            }, CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        await using var scope = db.ForTenant(tenant);
        var invoice = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == yenInvoice.Id);
        Assert.Equal((0m, db.Today), (invoice.Balance, invoice.SettledOn));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    private async Task<PaymentResult> RecordAsync(decimal amount, string reference, List<AllocationRequest>? allocations = null)
    {
        await using var scope = db.ForTenant(tenant);
        var recorder = scope.Services.GetRequiredService<PaymentRecorder>();
        return await recorder.RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer,
            Amount = amount,
            Currency = "EUR",
            ReceivedOn = db.Today,
            Reference = reference,
            Allocations = allocations ?? [],
        }, CancellationToken.None);
    }
}
