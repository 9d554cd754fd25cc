using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Payments;

/// <summary>Money kept on a customer's account is applied later to chosen open invoices, in one transaction.</summary>
public sealed class UnappliedCashTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid customer;
    private Invoice older = null!;
    private Invoice newer = null!;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Credit Co");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Overpayer")).Id;
        older = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-1", 1000m, db.Today.AddDays(-60), db.Today.AddDays(-30));
        newer = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "INV-2", 500m, db.Today.AddDays(-20), db.Today.AddDays(10));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<Payment> KeepOnAccountAsync(decimal amount, DateOnly receivedOn, string reference, string currency = "EUR")
    {
        await using var scope = db.ForTenant(tenant);
        var result = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer,
            Amount = amount,
            Currency = currency,
            ReceivedOn = receivedOn,
            Reference = reference,
            KeepUnapplied = true,
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Payment!;
    }

    private async Task<ApplyUnappliedCashResult> ApplyAsync(Guid asTenant, params AllocationRequest[] allocations)
    {
        await using var scope = db.ForTenant(asTenant);
        return await scope.Services.GetRequiredService<UnappliedCashApplier>().ApplyAsync(
            new ApplyUnappliedCashInput { CustomerId = customer, Currency = "EUR", Allocations = [.. allocations] }, CancellationToken.None);
    }

    private async Task<(decimal Older, decimal Newer)> BalancesAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var balances = await scope.Db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Balance);
        return (balances[older.Id], balances[newer.Id]);
    }

    [Fact]
    public async Task Money_on_account_goes_to_the_chosen_invoices_taken_from_the_oldest_payment_first()
    {
        var first = await KeepOnAccountAsync(300m, db.Today.AddDays(-40), "OVER-1");
        var second = await KeepOnAccountAsync(400m, db.Today.AddDays(-5), "OVER-2");

        // 450 to INV-2 and 100 to INV-1, of the 700 on account.
        var result = await ApplyAsync(tenant, new AllocationRequest(newer.Id, 450m), new AllocationRequest(older.Id, 100m));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(150m, result.LeftOnAccount);
        Assert.Equal((900m, 50m), await BalancesAsync());
        await using var scope = db.ForTenant(tenant);
        var payments = await scope.Db.Payments.AsNoTracking().Include(p => p.Allocations).ToDictionaryAsync(p => p.Id);
        // OVER-1's 300 goes first (to INV-2), then OVER-2 gives INV-2 its other 150 and INV-1 its 100; 150 stays on account.
        Assert.Equal(0m, payments[first.Id].UnappliedAmount);
        Assert.Equal([(newer.Id, 300m)], payments[first.Id].Allocations.Select(a => (a.InvoiceId, a.Amount)));
        Assert.Equal(150m, payments[second.Id].UnappliedAmount);
        Assert.Equal([(newer.Id, 150m), (older.Id, 100m)], payments[second.Id].Allocations.OrderByDescending(a => a.Amount).Select(a => (a.InvoiceId, a.Amount)));
        Assert.All(payments.Values.SelectMany(p => p.Allocations), a => Assert.Equal(db.Today, a.AppliedOn));
        Assert.Equal(3, await scope.Db.AuditEntries.CountAsync(e => e.EntityType == nameof(PaymentAllocation) && e.Action == "Added"));
        var timeline = await scope.Db.Activities.AsNoTracking().Where(a => a.Summary.StartsWith("Unapplied cash")).Select(a => a.Summary).ToListAsync();
        Assert.Contains("Unapplied cash of EUR 450.00 applied to INV-2, EUR 50.00 still open; EUR 150.00 left on account", timeline);
        Assert.Contains("Unapplied cash of EUR 100.00 applied to INV-1, EUR 900.00 still open; EUR 150.00 left on account", timeline);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Without_amounts_the_oldest_due_invoice_is_paid_first_and_settled_today()
    {
        await KeepOnAccountAsync(1200m, db.Today.AddDays(-3), "OVER-3");

        var result = await ApplyAsync(tenant);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(0m, result.LeftOnAccount);
        Assert.Equal((0m, 300m), await BalancesAsync());
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(db.Today, (await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == older.Id)).SettledOn);
        Assert.Equal(0m, (await scope.Db.Payments.AsNoTracking().SingleAsync()).UnappliedAmount);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Applying_more_than_is_on_account_or_in_another_currency_is_refused_and_changes_nothing()
    {
        await KeepOnAccountAsync(300m, db.Today.AddDays(-3), "OVER-4");

        var tooMuch = await ApplyAsync(tenant, new AllocationRequest(older.Id, 400m));
        ApplyUnappliedCashResult noUsd;
        await using (var scope = db.ForTenant(tenant))
        {
            noUsd = await scope.Services.GetRequiredService<UnappliedCashApplier>().ApplyAsync(
                new ApplyUnappliedCashInput { CustomerId = customer, Currency = "USD" }, CancellationToken.None);
        }

        Assert.Equal(("Allocations", "The amounts to apply (EUR 400.00) add up to more than the EUR 300.00 on account."), Assert.Single(tooMuch.Errors));
        Assert.Equal(("Currency", "Overpayer has no unapplied USD on account."), Assert.Single(noUsd.Errors));
        Assert.Equal((1000m, 500m), await BalancesAsync());
        await using var check = db.ForTenant(tenant);
        Assert.Equal(300m, (await check.Db.Payments.AsNoTracking().SingleAsync()).UnappliedAmount);
        Assert.Equal(0, await check.Db.PaymentAllocations.CountAsync());
    }

    [Fact]
    public async Task Two_clerks_applying_the_same_money_at_once_apply_it_once()
    {
        await KeepOnAccountAsync(300m, db.Today.AddDays(-3), "OVER-5");

        var results = await Task.WhenAll(
            ApplyAsync(tenant, new AllocationRequest(older.Id, 300m)),
            ApplyAsync(tenant, new AllocationRequest(newer.Id, 300m)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("no unapplied EUR on account", Assert.Single(results, r => !r.Succeeded).Errors[0].Message, StringComparison.Ordinal);
        var (olderBalance, newerBalance) = await BalancesAsync();
        Assert.Equal(1200m, olderBalance + newerBalance);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task Another_company_neither_sees_nor_applies_the_money()
    {
        await KeepOnAccountAsync(300m, db.Today.AddDays(-3), "OVER-6");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Co");

        var applied = await ApplyAsync(other, new AllocationRequest(older.Id, 100m));
        IReadOnlyList<UnappliedCash> seen;
        await using (var scope = db.ForTenant(other))
        {
            seen = await scope.Services.GetRequiredService<UnappliedCashApplier>().OnAccountAsync(customer, CancellationToken.None);
        }

        Assert.Equal(("CustomerId", "Choose a customer of your company."), Assert.Single(applied.Errors));
        Assert.Empty(seen);
        Assert.Equal((1000m, 500m), await BalancesAsync());
    }
}
