using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.PaymentPlans;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>
/// Money on a customer's account is netted in dunning (oldest due first, same currency), and a promise to pay is kept
/// only by money applied to its invoices.
/// </summary>
public sealed class UnappliedCashDunningTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Netting Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task PayAsync(Guid customer, decimal amount, DateOnly on, string reference, string currency = "EUR", Guid? toInvoice = null)
    {
        await using var scope = db.ForTenant(tenant);
        var result = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer,
            Amount = amount,
            Currency = currency,
            ReceivedOn = on,
            Reference = reference,
            KeepUnapplied = toInvoice is null,
            Allocations = toInvoice is { } id ? [new AllocationRequest(id, amount)] : [],
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task<Guid> InvoiceIdAsync(string number)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.Invoices.Where(i => i.Number == number).Select(i => i.Id).SingleAsync();
    }

    private async Task PromiseAsync(Guid customer, Guid invoice, decimal amount, DateOnly by)
    {
        await using var scope = db.ForTenant(tenant);
        scope.Db.Promises.Add(new PromiseToPay
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer,
            InvoiceId = invoice,
            PromisedDate = by,
            Amount = amount,
            Currency = "EUR",
            Status = PromiseStatus.Open,
            CreatedAt = db.Time.GetUtcNow(),
        });
        await scope.Db.SaveChangesAsync();
    }

    private async Task<PromiseStatus> PromiseStatusAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return (await scope.Db.Promises.AsNoTracking().SingleAsync()).Status;
    }

    [Fact]
    public async Task Unapplied_cash_covers_the_oldest_invoice_and_the_reminder_asks_only_for_the_rest_and_shows_the_credit()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 9, 100m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 8, 100m);
        await PayAsync(acme.Id, 130m, db.Today.AddDays(-2), "OVER-1");

        await RunAsync(db, tenant);

        // The 130 on account covers INV-1 (due first) in full and 30 of INV-2: only INV-2 is reminded, for 70.
        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.DoesNotContain("INV-1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("INV-2", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("EUR 70.00, payment reference", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Total EUR: 70.00", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your account holds EUR 130.00 in payments not yet matched to an invoice", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("EUR 130.00 in payments not yet matched", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_whose_credit_covers_everything_gets_no_reminder_but_credit_in_another_currency_covers_nothing()
    {
        var covered = await LedgerBuilder.AddCustomerAsync(db, tenant, "Covered");
        await AddOverdueAsync(db, tenant, covered, "INV-10", 8, 100m);
        await PayAsync(covered.Id, 100m, db.Today.AddDays(-2), "OVER-10");
        var dollars = await LedgerBuilder.AddCustomerAsync(db, tenant, "Dollars");
        await AddOverdueAsync(db, tenant, dollars, "INV-20", 8, 100m);
        await PayAsync(dollars.Id, 500m, db.Today.AddDays(-2), "OVER-20", currency: "USD");

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal(dollars.Id, message.CustomerId);
        Assert.Contains("EUR 100.00, payment reference", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("not yet matched", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_late_fee_on_what_unapplied_cash_covers()
    {
        var customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Late Payer")).Id;
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Percent;
            s.LateFeeValue = 2m;
        });
        // Both due 2026-07-31 (Net 30 from 1 July); the first issued is numbered first and so covered first.
        var first = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 300m, new DateOnly(2026, 7, 1), terms: "Net 30");
        var second = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 500m, new DateOnly(2026, 7, 1), terms: "Net 30");
        await PayAsync(customer, 400m, new DateOnly(2026, 7, 20), "OVER-30");

        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 3, 6, 0, 0, TimeSpan.Zero));
        var charged = await db.Services.GetRequiredService<LateFeeJob>().RunAsync(tenant, CancellationToken.None);

        // The 400 covers the first invoice's 300 and 100 of the second: 2 % is charged on the 400 not covered, once.
        Assert.Equal(1, charged);
        await using var scope = db.ForTenant(tenant);
        var totals = await scope.Db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Total);
        Assert.Equal(300m, totals[first.Id]);
        Assert.Equal(508m, totals[second.Id]);
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task With_a_payment_plan_the_late_fee_run_nets_credit_on_the_invoice_due_first_as_the_reminder_does()
    {
        var planned = await LedgerBuilder.AddCustomerAsync(db, tenant, "Planned Payer");
        await AddOverdueAsync(db, tenant, planned, "INV-1", 8, 100m);
        await AddOverdueAsync(db, tenant, planned, "INV-2", 3, 200m);
        // 3 x 100 from 22 June: INV-1 is due on 22 June under the plan, INV-2 from 22 July.
        await using (var scope = db.ForTenant(tenant))
        {
            var created = await new PaymentPlanService(scope.Db, scope.Services.GetRequiredService<TenantContext>(), db.Time).CreateAsync(
                planned.Id, "EUR", new PaymentPlanRequestInput { Instalments = 3, FirstDate = new DateOnly(2026, 6, 22) }, PlanSources.Portal, byManager: false, CancellationToken.None);
            Assert.Equal(PaymentPlanStatus.Active, created.Plan!.Status);
        }

        // INV-3 came after the plan and is not on it: due 14 June, it is the first invoice actually due.
        await AddOverdueAsync(db, tenant, planned, "INV-3", 1, 100m);
        await PayAsync(planned.Id, 100m, db.Today, "ON-ACCOUNT");
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Percent;
            s.LateFeeValue = 2m;
        });

        db.Time.Advance(TimeSpan.FromDays(4));
        var charged = await db.Services.GetRequiredService<LateFeeJob>().RunAsync(tenant, CancellationToken.None);
        await RunAsync(db, tenant);

        // The 100 on account covers INV-3 (due 14 June) before INV-1 (due 22 June under the plan, 7 June by its own date):
        // no late fee on INV-3, and the reminder, three days before the first instalment, asks for INV-1 only.
        Assert.Equal(0, charged);
        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Contains("INV-1", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-3", message.TextBody, StringComparison.Ordinal);
        await using var read = db.ForTenant(tenant);
        Assert.Equal(0m, await read.Db.Invoices.Where(i => i.Number == "INV-3").Select(i => i.LateFees).SingleAsync());
    }

    [Fact]
    public async Task A_promise_is_not_kept_by_money_left_on_account_or_paid_to_another_invoice()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 500m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 8, 300m);
        await PromiseAsync(acme.Id, await InvoiceIdAsync("INV-1"), 200m, db.Today.AddDays(2));
        await PayAsync(acme.Id, 200m, db.Today.AddDays(1), "ON-ACCOUNT");
        await PayAsync(acme.Id, 300m, db.Today.AddDays(1), "OTHER-INVOICE", toInvoice: await InvoiceIdAsync("INV-2"));

        db.Time.Advance(TimeSpan.FromDays(3));
        await RunAsync(db, tenant);

        Assert.Equal(PromiseStatus.Broken, await PromiseStatusAsync());
    }

    [Fact]
    public async Task A_promise_is_kept_when_money_on_account_is_applied_to_its_invoice_after_it_was_made()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 500m);
        var invoice = await InvoiceIdAsync("INV-1");
        // The money arrived before the promise, unapplied; the clerk applies it to the promised invoice the next day.
        await PayAsync(acme.Id, 200m, db.Today.AddDays(-5), "EARLIER");
        await PromiseAsync(acme.Id, invoice, 200m, db.Today.AddDays(2));
        db.Time.Advance(TimeSpan.FromDays(1));
        await using (var scope = db.ForTenant(tenant))
        {
            var applied = await scope.Services.GetRequiredService<UnappliedCashApplier>().ApplyAsync(
                new ApplyUnappliedCashInput { CustomerId = acme.Id, Currency = "EUR", Allocations = [new AllocationRequest(invoice, 200m)] }, CancellationToken.None);
            Assert.True(applied.Succeeded);
        }

        db.Time.Advance(TimeSpan.FromDays(2));
        await RunAsync(db, tenant);

        Assert.Equal(PromiseStatus.Kept, await PromiseStatusAsync());
        await LedgerAssert.ConsistentAsync(db, tenant);
    }
}
