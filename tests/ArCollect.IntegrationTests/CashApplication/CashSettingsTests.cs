using System.Text;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.CashApplication;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.CashApplication;

/// <summary>The tenant's stored threshold, lead and per-currency tolerances decide what a statement import applies.</summary>
public sealed class CashSettingsTests : IAsyncLifetime
{
    private const string OurIban = "DE89370400440532013000";
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid account;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Settings GmbH");
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme Trading GmbH");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "INV-2001", 1000m, db.Today.AddDays(-20), db.Today.AddDays(10));
        await using var scope = db.ForTenant(tenant);
        account = Guid.CreateVersion7();
        scope.Db.BankAccounts.Add(new BankAccount { Id = account, Name = "Main account", Iban = OurIban, Currency = "EUR", CreatedAt = db.Time.GetUtcNow() });
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Without_settings_a_receipt_eight_euros_short_is_a_short_payment_that_opens_a_dispute()
    {
        // Default tolerance EUR 5.00: 992.00 for a 1,000.00 invoice is 8.00 short.
        var result = await ImportAsync(992m);

        Assert.Equal(1, result.AutoApplied);
        var (balance, writtenOff, disputed) = await InvoiceAsync();
        Assert.Equal((8m, 0m, 8m), (balance, writtenOff, disputed));
    }

    [Fact]
    public async Task A_currency_tolerance_of_ten_euros_settles_the_same_receipt_and_writes_the_difference_off()
    {
        await SaveAsync(new CashApplicationSettings { TenantId = tenant, AmountTolerance = 5m }, new CashCurrencyTolerance { Currency = "EUR", Amount = 10m });

        var result = await ImportAsync(992m);

        Assert.Equal(1, result.AutoApplied);
        var (balance, writtenOff, disputed) = await InvoiceAsync();
        Assert.Equal((0m, 8m, 0m), (balance, writtenOff, disputed));
    }

    [Fact]
    public async Task A_tolerance_set_for_another_currency_leaves_euro_receipts_under_the_default()
    {
        await SaveAsync(new CashApplicationSettings { TenantId = tenant, AmountTolerance = 5m }, new CashCurrencyTolerance { Currency = "USD", Amount = 10m });

        await ImportAsync(992m);

        var (balance, writtenOff, disputed) = await InvoiceAsync();
        Assert.Equal((8m, 0m, 8m), (balance, writtenOff, disputed));
    }

    [Fact]
    public async Task At_a_threshold_of_one_hundred_percent_even_an_exact_referenced_receipt_waits_in_the_queue()
    {
        // Reference, exact amount and payer name reach the matcher's ceiling of 0.99, below 1.00.
        await SaveAsync(new CashApplicationSettings { TenantId = tenant, AutoApplyThreshold = 1.00m });

        var result = await ImportAsync(1000m);

        Assert.Equal((0, 1), (result.AutoApplied, result.Queued));
        Assert.Equal(1000m, (await InvoiceAsync()).Balance);
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_change_the_currency_tolerances()
    {
        await SaveAsync(new CashApplicationSettings { TenantId = tenant }, new CashCurrencyTolerance { Currency = "EUR", Amount = 10m });
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other SARL");

        await using (var scope = db.ForTenant(other))
        {
            Assert.Empty(await scope.Db.CashCurrencyTolerances.ToListAsync());
            Assert.Empty(await scope.Db.CashCurrencyTolerances.IgnoreQueryFilters().ToListAsync());
            var changed = await scope.Db.Database.ExecuteSqlAsync($"UPDATE cash_currency_tolerances SET amount = 999 WHERE tenant_id = {tenant}");
            Assert.Equal(0, changed);
            var removed = await scope.Db.Database.ExecuteSqlAsync($"DELETE FROM cash_currency_tolerances WHERE tenant_id = {tenant}");
            Assert.Equal(0, removed);
        }

        await using var own = db.ForTenant(tenant);
        Assert.Equal(10m, (await own.Db.CashCurrencyTolerances.SingleAsync()).Amount);
    }

    private async Task SaveAsync(CashApplicationSettings settings, params CashCurrencyTolerance[] tolerances)
    {
        await using var scope = db.ForTenant(tenant);
        scope.Db.CashApplicationSettings.Add(settings);
        scope.Db.CashCurrencyTolerances.AddRange(tolerances);
        await scope.Db.SaveChangesAsync();
    }

    private async Task<StatementImportResult> ImportAsync(decimal amount)
    {
        var statement = StatementWriter.Camt053("S-1", OurIban, "EUR",
            [new StatementLine("E1", db.Today, null, amount, "EUR", EntryDirection.Credit, "ACME TRADING GMBH", null, "INV-2001")]);
        await using var scope = db.ForTenant(tenant);
        var result = await scope.Services.GetRequiredService<StatementImporter>()
            .ImportAsync(account, new MemoryStream(Encoding.UTF8.GetBytes(statement)), null, null, "statement.xml", CancellationToken.None);
        Assert.True(result.Succeeded, result.Problem);
        return result;
    }

    private async Task<(decimal Balance, decimal WrittenOff, decimal Disputed)> InvoiceAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var invoice = await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Number == "INV-2001");
        var disputed = await scope.Db.Disputes.Where(d => d.InvoiceId == invoice.Id).SumAsync(d => d.Amount);
        return (invoice.Balance, invoice.AmountWrittenOff, disputed);
    }
}
