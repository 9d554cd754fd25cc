using ArCollect.Domain.Dunning;
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
        await LedgerAssert.ConsistentAsync(db, tenant);
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
    public async Task Paying_less_than_in_full_inside_the_window_settles_with_the_discount_taken_and_its_tax_split()
    {
        var (tenant, customer) = await NewLedgerAsync();
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s => s.EarlyPaymentTolerance = 5m);
        // 1,000 + 19 % VAT = 1,190; 2 % off is 23.80 until 2026-06-11. 1,161.20 arrives: 23.80 discount plus 5.00 of bank fees.
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30", taxRate: 19m);

        var paid = await PayAsync(tenant, customer, 1161.20m, new DateOnly(2026, 6, 8), "BANK-4");

        Assert.True(paid.Succeeded);
        var settled = await ReloadAsync(tenant, invoice.Id);
        Assert.Equal((1161.20m, 28.80m, 0m, new DateOnly(2026, 6, 8)), (settled.AmountPaid, settled.AmountCredited, settled.Balance, settled.SettledOn));
        await using var scope = db.ForTenant(tenant);
        var credit = await scope.Db.CreditNotes.AsNoTracking().SingleAsync();
        // 28.80 x 190 / 1,190 = 4.60 of the credit is VAT, as the invoice charged it.
        Assert.Equal((28.80m, 4.60m), (credit.Amount, credit.TaxAmount));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task A_clerk_may_apply_the_full_amount_inside_the_window_and_no_discount_is_booked()
    {
        var (tenant, customer) = await NewLedgerAsync();
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30");
        await using (var record = db.ForTenant(tenant))
        {
            var result = await record.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
            {
                CustomerId = customer,
                Amount = 1000m,
                Currency = "EUR",
                ReceivedOn = new DateOnly(2026, 6, 5),
                Reference = "BANK-5",
                Allocations = [new AllocationRequest(invoice.Id, 1000m)],
            }, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        var settled = await ReloadAsync(tenant, invoice.Id);
        Assert.Equal((1000m, 0m, 0m), (settled.AmountPaid, settled.AmountCredited, settled.Balance));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task No_late_fee_on_disputed_or_promised_invoices_and_today_is_the_tenants_local_date()
    {
        var (tenant, customer) = await NewLedgerAsync();
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Flat;
            s.LateFeeValue = 10m;
        });
        // All due 2026-07-31; the company keeps its books in Los Angeles (UTC-7 in summer).
        var disputed = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 100m, new DateOnly(2026, 7, 1), terms: "Net 30");
        var promised = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 200m, new DateOnly(2026, 7, 1), terms: "Net 30");
        var plain = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 300m, new DateOnly(2026, 7, 1), terms: "Net 30");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Tenants.Where(t => t.Id == tenant).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "America/Los_Angeles"));
            await scope.Db.Invoices.Where(i => i.Id == disputed.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.IsDisputed, true));
            scope.Db.Promises.Add(new PromiseToPay
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer,
                InvoiceId = promised.Id,
                PromisedDate = new DateOnly(2026, 8, 20),
                Amount = 200m,
                Currency = "EUR",
                Status = PromiseStatus.Open,
                CreatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        var job = db.Services.GetRequiredService<LateFeeJob>();

        // 05:00 UTC on 1 August is still 31 July in Los Angeles: nothing is late yet.
        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 1, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None));
        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));

        Assert.Equal((100m, 200m, 310m), (
            (await ReloadAsync(tenant, disputed.Id)).Total, (await ReloadAsync(tenant, promised.Id)).Total, (await ReloadAsync(tenant, plain.Id)).Total));
        await LedgerAssert.ConsistentAsync(db, tenant);
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
        await LedgerAssert.ConsistentAsync(db, tenant);
    }
}
