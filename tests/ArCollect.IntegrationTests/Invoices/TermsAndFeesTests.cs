using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

public sealed class TermsAndFeesTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<(Guid Tenant, Guid Customer)> NewLedgerAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Terms AG");
        return (tenant, (await LedgerBuilder.AddCustomerAsync(db, tenant, "Prompt Payer")).Id);
    }

    private async Task<PaymentResult> PayAsync(Guid tenant, Guid customer, decimal amount, DateOnly on, string reference)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(
            new RecordPaymentInput { CustomerId = customer, Amount = amount, Currency = "EUR", ReceivedOn = on, Reference = reference }, CancellationToken.None);
    }

    private async Task<Invoice> ReloadAsync(Guid tenant, Guid id)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id);
    }

    [Fact]
    public async Task Paying_the_discounted_amount_inside_the_window_settles_the_invoice_with_a_discount_credit()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30");

        var paid = await PayAsync(tenant, customer, 980m, new DateOnly(2026, 6, 11), "BANK-1");

        Assert.True(paid.Succeeded);
        var settled = await ReloadAsync(tenant, invoice.Id);
        Assert.Equal(new DateOnly(2026, 7, 1), settled.DueDate);
        Assert.Equal(980m, settled.AmountPaid);
        Assert.Equal(20m, settled.AmountCredited);
        Assert.Equal(0m, settled.Balance);
        Assert.Equal(new DateOnly(2026, 6, 11), settled.SettledOn);
        await using var scope = db.ForTenant(tenant);
        var credit = await scope.Db.CreditNotes.AsNoTracking().SingleAsync();
        Assert.Equal(20m, credit.Amount);
        Assert.StartsWith("Early-payment discount", credit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_payment_after_the_window_earns_no_discount_and_leaves_the_rest_open()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30");

        await PayAsync(tenant, customer, 980m, new DateOnly(2026, 6, 12), "BANK-2");

        var open = await ReloadAsync(tenant, invoice.Id);
        Assert.Equal(0m, open.AmountCredited);
        Assert.Equal(20m, open.Balance);
    }

    [Fact]
    public async Task A_partial_payment_inside_the_window_earns_no_discount()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30");

        await PayAsync(tenant, customer, 500m, new DateOnly(2026, 6, 5), "BANK-3");

        var open = await ReloadAsync(tenant, invoice.Id);
        Assert.Equal(0m, open.AmountCredited);
        Assert.Equal(500m, open.Balance);
    }

    [Fact]
    public async Task Late_fee_is_charged_once_a_month_on_principal_only_and_stops_at_the_cap()
    {
        var (tenant, customer) = await NewLedgerAsync();
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Percent;
            s.LateFeeValue = 1.5m;
            s.LateFeeGraceDays = 5;
            s.LateFeeCap = 40m;
        });
        // Issued 2026-07-01, Net 30: due 2026-07-31, late from 2026-08-06 (after five grace days).
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 7, 1), terms: "Net 30");
        await PayAsync(tenant, customer, 200m, new DateOnly(2026, 8, 1), "PART-1");
        var job = db.Services.GetRequiredService<LateFeeJob>();

        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 5, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None)); // still in grace

        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 7, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None)); // same period: nothing twice
        db.Time.SetUtcNow(new DateTimeOffset(2026, 9, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));
        db.Time.SetUtcNow(new DateTimeOffset(2026, 10, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));
        db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));
        db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None)); // cap reached

        var charged = await ReloadAsync(tenant, invoice.Id);
        var fees = charged.Lines.Where(l => l.LateFeePeriod != null).OrderBy(l => l.LineNumber).ToList();
        // 1.5 % of the 800 principal still open is 12.00 each month, however many fees came before; the fourth is cut to the 40 cap.
        Assert.Equal([12m, 12m, 12m, 4m], fees.Select(f => f.NetAmount));
        Assert.Equal(["2026-08", "2026-09", "2026-10", "2026-11"], fees.Select(f => f.LateFeePeriod));
        Assert.Equal(1040m, charged.Total);
        Assert.Equal(840m, charged.Balance);
    }
}
