using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Kpis;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// ledger_daily_facts is maintained by statement-level triggers. After a realistic run of writes through the app's
/// own services (issue, import, pay partly and fully, early-payment discount, credit note, write-offs, late fee,
/// due-date change, draft deletion), the facts must equal a fresh rebuild, and the KPI trends read from them must
/// equal the per-invoice path. Today is 15 June 2026.
/// </summary>
public sealed class LedgerFactsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;
    private Guid other;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Facts GmbH");
        other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");
        var otherCustomer = await LedgerBuilder.AddCustomerAsync(db, other, "Other Customer");
        await LedgerBuilder.AddInvoiceAsync(db, other, otherCustomer.Id, "O-1", 999m, new(2026, 5, 1), new(2026, 5, 31));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Facts_kept_by_triggers_equal_a_rebuild_and_give_the_per_invoice_KPIs()
    {
        await RunOperationsAsync();

        var incremental = await FactRowsAsync(tenant);
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Services.GetRequiredService<KpiFactsQuery>().RebuildAsync(CancellationToken.None);
        }

        var rebuilt = await FactRowsAsync(tenant);
        Assert.NotEmpty(rebuilt);
        Assert.Equal(rebuilt, incremental);

        foreach (var monthly in new[] { true, false })
        {
            var periods = KpiCalculator.Periods(db.Today, monthly, monthly ? 12 : 52);
            await using var scope = db.ForTenant(tenant);
            var (invoices, missing) = await new PerInvoiceKpiLedger(scope.Db, db.Time).LedgerAsync(periods[0].Start, CancellationToken.None);
            var facts = await scope.Services.GetRequiredService<KpiFactsQuery>().LedgerAsync(periods, CancellationToken.None);
            Assert.Empty(missing);
            Assert.Empty(facts.MissingRates);
            foreach (var (start, end) in periods)
            {
                Assert.Equal(KpiCalculator.Compute(invoices, start, end, 40m), KpiCalculator.Compute(facts, start, end, 40m));
            }
        }
    }

    [Fact]
    public async Task Customer_facts_kept_by_triggers_equal_a_rebuild_and_add_up_to_the_per_invoice_receivables()
    {
        await RunOperationsAsync();

        // An invoice moves to another customer: its sale and its write-off move with it.
        await using (var scope = db.ForTenant(tenant))
        {
            var bolt = await scope.Db.Customers.Where(c => c.Name == "Bolt").Select(c => c.Id).SingleAsync();
            Assert.Equal(1, await scope.Db.Invoices.Where(i => i.Number == "A-4").ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, bolt)));
        }

        var incremental = await CustomerFactRowsAsync(tenant);
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Services.GetRequiredService<CustomerChangesQuery>().RebuildAsync(CancellationToken.None);
        }

        var rebuilt = await CustomerFactRowsAsync(tenant);
        Assert.NotEmpty(rebuilt);
        Assert.Equal(rebuilt, incremental);

        // Month by month, the customers' changes add up to the change of closing receivables on the per-invoice path.
        var periods = KpiCalculator.Periods(db.Today, monthly: true, count: 12);
        await using (var scope = db.ForTenant(tenant))
        {
            var (invoices, _) = await new PerInvoiceKpiLedger(scope.Db, db.Time).LedgerAsync(periods[0].Start, CancellationToken.None);
            var converter = await scope.Db.ConverterAsync(CancellationToken.None);
            var query = scope.Services.GetRequiredService<CustomerChangesQuery>();
            for (var p = 1; p < periods.Count - 1; p++)
            {
                var (changes, missing) = await query.BetweenAsync(periods[p - 1].End, periods[p].End, converter, CancellationToken.None);
                var before = KpiCalculator.Compute(invoices, periods[p - 1].Start, periods[p - 1].End, null).ClosingAr;
                var after = KpiCalculator.Compute(invoices, periods[p].Start, periods[p].End, null).ClosingAr;
                Assert.Empty(missing);
                Assert.Equal(after - before, changes.Sum(c => c.Change));
            }

            // Bolt (USD at 0.90) in May: A-4's EUR 800 sale is Bolt's now; B-1's write-off of the USD 2,000 left
            // (converted: 1,800) on 28 May.
            var (may, _) = await query.BetweenAsync(new(2026, 4, 30), new(2026, 5, 31), converter, CancellationToken.None);
            Assert.Equal(800m - 1800m, may.Single(c => c.Name == "Bolt").Change);
        }
    }

    [Fact]
    public async Task Facts_of_one_tenant_are_invisible_to_another_through_EF_and_raw_SQL()
    {
        await using var scope = db.ForTenant(tenant);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Own Customer");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "F-1", 100m, new(2026, 6, 1), new(2026, 7, 1));

        Assert.Equal([100m], await scope.Db.LedgerDailyFacts.Where(f => f.Sales != 0m).Select(f => f.Sales).ToListAsync());
        Assert.Equal([100m], await scope.Db.LedgerDailyFacts.IgnoreQueryFilters().Where(f => f.Sales != 0m).Select(f => f.Sales).ToListAsync());
        var otherRows = await scope.Db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM ledger_daily_facts WHERE tenant_id = {other}").SingleAsync();
        Assert.Equal(0, otherRows);
        var insert = () => scope.Db.Database.ExecuteSqlAsync(
            $"INSERT INTO ledger_daily_facts (tenant_id, currency, day, due_day, sales, cash, credits, write_offs, settled_count, settled_days) VALUES ({other}, 'EUR', DATE '2026-01-01', DATE '2026-01-01', 1, 0, 0, 0, 0, 0)");
        var error = await Assert.ThrowsAsync<PostgresException>(insert);
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);

        Assert.Equal([100m], await scope.Db.CustomerDailyFacts.Where(f => f.Sales != 0m).Select(f => f.Sales).ToListAsync());
        Assert.Equal(0, await scope.Db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM customer_daily_facts WHERE tenant_id = {other}").SingleAsync());
        var insertCustomerFact = () => scope.Db.Database.ExecuteSqlAsync(
            $"INSERT INTO customer_daily_facts (tenant_id, day, customer_id, currency, sales, cash, credits, write_offs) VALUES ({other}, DATE '2026-01-01', {customer.Id}, 'EUR', 1, 0, 0, 0)");
        Assert.Contains("row-level security", (await Assert.ThrowsAsync<PostgresException>(insertCustomerFact)).MessageText, StringComparison.Ordinal);

        // The other tenant's own view still has its invoice O-1 (999) and nothing of this tenant.
        await using var otherScope = db.ForTenant(other);
        Assert.Equal([999m], await otherScope.Db.LedgerDailyFacts.Where(f => f.Sales != 0m).Select(f => f.Sales).ToListAsync());
        Assert.Equal([999m], await otherScope.Db.CustomerDailyFacts.Where(f => f.Sales != 0m).Select(f => f.Sales).ToListAsync());
    }

    [Fact]
    public async Task Flows_convert_at_their_day_and_balances_at_the_period_end_on_the_page_path()
    {
        // USD -> EUR 0.90 from 1 Jan, 0.80 from 15 May. Invoice USD 1000 issued 5 May, due 4 Jun; USD 400 paid 20 May.
        // May: sales 1000 x 0.90 = 900; cash 400 x 0.80 = 320; closing AR USD 600 x 0.80 = 480 (current: due 4 Jun).
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Dollar Inc", "USD");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "U-1", 1000m, new(2026, 5, 5), new(2026, 6, 4), "USD");
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.90m, new(2026, 1, 1));
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.80m, new(2026, 5, 15));
        await DashboardLedger.PayAsync(db, tenant, invoice, 400m, new(2026, 5, 20));

        await using var scope = db.ForTenant(tenant);
        var periods = KpiCalculator.Periods(db.Today, monthly: true, count: 12);
        var ledger = await scope.Services.GetRequiredService<KpiFactsQuery>().LedgerAsync(periods, CancellationToken.None);
        var may = KpiCalculator.Compute(ledger, new(2026, 5, 1), new(2026, 5, 31), null);

        Assert.Equal(900m, may.CreditSales);
        Assert.Equal(320m, may.Collected);
        Assert.Equal(480m, may.ClosingAr);
        Assert.Equal(480m, may.ClosingCurrentAr);
        Assert.Empty(ledger.MissingRates);
    }

    private async Task RunOperationsAsync()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var bolt = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bolt", "USD");
        await DashboardLedger.RateAsync(db, tenant, "USD", 0.90m, new(2020, 1, 1));
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == acme.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, "C-ACME"));
        }

        // Issued directly, issued from drafts (one with an early-payment discount), and a draft that stays a draft.
        var a1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-1", 1000m, new(2025, 9, 10), new(2025, 10, 10));
        var a2 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-2", 2000m, new(2026, 1, 15), new(2026, 2, 14));
        var a3 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-3", 1500m, new(2026, 3, 2), new(2026, 4, 1));
        var a4 = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "A-4", 800m, new(2026, 5, 20), new(2026, 6, 19));
        var b1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, bolt.Id, "B-1", 3000m, new(2025, 12, 1), new(2025, 12, 31), "USD");
        var discounted = await InvoicingBuilder.AddIssuedAsync(db, tenant, acme.Id, 500m, new(2026, 4, 1), terms: "2/10 Net 30");
        var draft = await InvoicingBuilder.AddDraftAsync(db, tenant, acme.Id, 4444m, new(2026, 6, 1));
        var lateFeeTarget = await InvoicingBuilder.AddIssuedAsync(db, tenant, acme.Id, 1200m, new(2026, 2, 1), terms: "Net 30");

        // Payments: partial, full, one payment over two invoices, the discounted one inside its window.
        await PayAsync(acme.Id, 400m, "EUR", new(2025, 10, 20), (a1.Id, 400m));
        await PayAsync(acme.Id, 600m, "EUR", new(2025, 12, 5), (a1.Id, 600m));
        await PayAsync(acme.Id, 2500m, "EUR", new(2026, 3, 20), (a2.Id, 2000m), (a3.Id, 500m));
        await PayAsync(bolt.Id, 1000m, "USD", new(2026, 2, 10), (b1.Id, 1000m));
        await PayAsync(acme.Id, 490m, "EUR", new(2026, 4, 8), (discounted.Id, 490m));

        // Credit note, a partial write-off on an open invoice, a full write-off that settles.
        await using (var scope = db.ForTenant(tenant))
        {
            var adjustments = scope.Services.GetRequiredService<InvoiceAdjustments>();
            Assert.True((await adjustments.CreditAsync(new AdjustmentInput { InvoiceId = a3.Id, Amount = 200m, Reason = "Returned goods", Date = new(2026, 4, 10) }, CancellationToken.None)).Succeeded);
            Assert.True((await adjustments.WriteOffAsync(new AdjustmentInput { InvoiceId = a4.Id, Amount = 50m, Reason = "Goodwill", Date = new(2026, 6, 1) }, CancellationToken.None)).Succeeded);
            Assert.True((await adjustments.WriteOffAsync(new AdjustmentInput { InvoiceId = b1.Id, Reason = "Customer insolvent", Date = new(2026, 5, 28) }, CancellationToken.None)).Succeeded);
        }

        // A late fee raises an overdue invoice's total.
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Flat;
            s.LateFeeValue = 25m;
            s.LateFeeGraceDays = 0;
        });
        Assert.True(await db.Services.GetRequiredService<LateFeeJob>().RunAsync(tenant, CancellationToken.None) > 0);

        // CSV import of two invoices.
        await using (var scope = db.ForTenant(tenant))
        {
            var csv = "invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price,tax_rate,terms\n"
                + "IMP-1,C-ACME,2026-05-02,2026-06-01,EUR,Hosting,2,150.00,0,\n"
                + "IMP-2,C-ACME,2025-11-30,2025-12-30,EUR,Setup,1,700.00,19,\n";
            var report = await scope.Services.GetRequiredService<InvoiceCsvImporter>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportMode.AllOrNothing, null, CancellationToken.None);
            Assert.True(report.Committed);
        }

        // Writes outside the services: a paid invoice's due date moves, a payment's day is corrected, the draft goes.
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Invoices.Where(i => i.Id == a3.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueDate, new DateOnly(2026, 5, 1)));
            await scope.Db.Payments.Where(p => p.ReceivedOn == new DateOnly(2025, 12, 5)).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivedOn, new DateOnly(2025, 12, 8)));
            await scope.Db.InvoiceLines.Where(l => l.InvoiceId == draft.Id).ExecuteDeleteAsync();
            await scope.Db.Invoices.Where(i => i.Id == draft.Id).ExecuteDeleteAsync();
        }

        await using (var scope = db.ForTenant(tenant))
        {
            var fee = await scope.Db.Invoices.Where(i => i.Id == lateFeeTarget.Id).Select(i => i.Total).SingleAsync();
            Assert.True(fee > 1200m, "the late fee raised the total");
        }
    }

    private async Task PayAsync(Guid customerId, decimal amount, string currency, DateOnly on, params (Guid Invoice, decimal Amount)[] allocations)
    {
        await using var scope = db.ForTenant(tenant);
        var result = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
        {
            CustomerId = customerId,
            Amount = amount,
            Currency = currency,
            ReceivedOn = on,
            Allocations = allocations.Select(a => new AllocationRequest(a.Invoice, a.Amount)).ToList(),
        }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>The tenant's fact rows as text, all-zero rows (left behind by deltas that cancelled) left out.</summary>
    private async Task<List<string>> FactRowsAsync(Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Db.Database.SqlQueryRaw<string>(
            """
            SELECT concat_ws('|', currency, day, due_day, sales, cash, credits, write_offs, settled_count, settled_days) AS "Value"
            FROM ledger_daily_facts
            WHERE sales <> 0 OR cash <> 0 OR credits <> 0 OR write_offs <> 0 OR settled_count <> 0 OR settled_days <> 0
            ORDER BY 1
            """).ToListAsync();
    }

    /// <summary>The tenant's customer fact rows as text, all-zero rows left out.</summary>
    private async Task<List<string>> CustomerFactRowsAsync(Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Db.Database.SqlQueryRaw<string>(
            """
            SELECT concat_ws('|', day, customer_id, currency, sales, cash, credits, write_offs) AS "Value"
            FROM customer_daily_facts
            WHERE sales <> 0 OR cash <> 0 OR credits <> 0 OR write_offs <> 0
            ORDER BY 1
            """).ToListAsync();
    }
}
