using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Ledger;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArCollect.IntegrationTests.Ledger;

public sealed class LedgerInvariantsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task The_demo_ledger_breaks_no_invariant()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await using (var scope = db.ForTenant(tenant))
        {
            await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 80, Invoices = 3000 }, CancellationToken.None);
        }

        await LedgerAssert.ConsistentAsync(db, tenant);
        await using var check = db.ForTenant(tenant);
        Assert.True(await check.Db.WriteOffs.AnyAsync(), "The demo writes off bad debt, each with its write-off record.");
    }

    [Fact]
    public async Task An_amount_finer_than_the_currency_allows_is_reported_with_its_row()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Yen KK", "JPY");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Tokyo Trading", "JPY");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-JP-1", 1000m, db.Today, db.Today.AddDays(30), "JPY");
        await using (var scope = db.ForTenant(tenant))
        {
            // As a path that skipped rounding at input would have stored it.
            await scope.Db.Invoices.Where(i => i.Id == invoice.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Total, 1000.5m));
        }

        await using var check = db.ForTenant(tenant);
        var violation = Assert.Single(await LedgerInvariants.FindAsync(check.Db, CancellationToken.None));
        Assert.Equal(("Invoice", "INV-JP-1"), (violation.Entity, violation.Label));
        Assert.Contains("minor units of JPY", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_a_paid_amount_with_no_payment_behind_it()
    {
        var (tenant, invoice) = await OneInvoiceAsync();
        await using var scope = db.ForTenant(tenant);

        var error = await RefusedAsync(() => scope.Db.Invoices.Where(i => i.Id == invoice).ExecuteUpdateAsync(s => s.SetProperty(i => i.AmountPaid, 100m)));

        Assert.Equal("ck_invoices_paid_is_allocations", error.ConstraintName);
        Assert.Contains("INV-1", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_with_allocations_cannot_be_deleted_and_removing_them_first_reverses_the_daily_facts()
    {
        var (tenant, invoice) = await OneInvoiceAsync();
        await using (var pay = db.ForTenant(tenant))
        {
            var customer = await pay.Db.Invoices.Where(i => i.Id == invoice).Select(i => i.CustomerId).SingleAsync();
            var result = await pay.Services.GetRequiredService<PaymentRecorder>().RecordAsync(
                new RecordPaymentInput { CustomerId = customer, Amount = 400m, Currency = "EUR", ReceivedOn = db.Today, Reference = "BANK-1" },
                CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        await using (var scope = db.ForTenant(tenant))
        {
            var error = await Record.ExceptionAsync(() => scope.Db.Payments.ExecuteDeleteAsync());
            var postgres = Assert.IsType<PostgresException>(error?.InnerException ?? error);
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, postgres.SqlState);
            Assert.Equal("fk_payment_allocations_payments_payment_id", postgres.ConstraintName);
            Assert.Equal(1, await scope.Db.Payments.CountAsync());
            Assert.Equal(600m, await scope.Db.Invoices.Where(i => i.Id == invoice).Select(i => i.Balance).SingleAsync());
            Assert.Equal(400m, await scope.Db.LedgerDailyFacts.SumAsync(f => f.Cash));
        }

        // Taking the payment back the allowed way: allocations first (with the invoice), then the payment.
        await DashboardLedgerReverse(tenant);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(0, await check.Db.Payments.CountAsync());
        Assert.Equal(0m, await check.Db.LedgerDailyFacts.SumAsync(f => f.Cash));
        Assert.Empty(await check.Services.GetRequiredService<ArCollect.Infrastructure.Dashboards.LedgerFactsCheck>().RunAsync(CancellationToken.None));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    private Task DashboardLedgerReverse(Guid tenant) => ArCollect.IntegrationTests.Dashboards.DashboardLedger.ReversePaymentsAsync(db, tenant, "INV-1");

    [Fact]
    public async Task Writing_off_more_than_is_open_is_refused_by_the_database()
    {
        var (tenant, invoice) = await OneInvoiceAsync();
        await using var scope = db.ForTenant(tenant);

        var error = await RefusedAsync(() => scope.Db.Invoices.Where(i => i.Id == invoice).ExecuteUpdateAsync(s => s.SetProperty(i => i.AmountWrittenOff, 1500m)));

        Assert.Equal("ck_invoices_balance_within_total", error.ConstraintName);
    }

    private async Task<(Guid Tenant, Guid Invoice)> OneInvoiceAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Checks Ltd");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Careful Customer");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-1", 1000m, db.Today.AddDays(-10), db.Today.AddDays(20));
        return (tenant, invoice.Id);
    }

    private static async Task<PostgresException> RefusedAsync(Func<Task> write)
    {
        var error = await Record.ExceptionAsync(write);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                Assert.Equal(PostgresErrorCodes.CheckViolation, postgres.SqlState);
                return postgres;
            }
        }

        throw new Xunit.Sdk.XunitException($"The write was expected to be refused by a check, but {(error is null ? "succeeded" : error.ToString())}.");
    }
}
