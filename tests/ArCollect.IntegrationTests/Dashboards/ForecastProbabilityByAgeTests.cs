using ArCollect.Infrastructure.Forecasting;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Today is 15 June 2026. Steady paid 8 invoices 10 days late; Slow had one written off 300 days late and one paid
/// 400 days late. Open: Steady's Young (1000, 5 days late) and Slow's Old (1000, 600 days late).
/// Collection curve over the 12 invoices: Young leaves the risk set after day 5; day 10: 11 at risk, 8 paid (8/11,
/// 3/11 left); day 300: 1 of 3 written off (2/11 left); day 400: 1 of 2 paid (+1/11). No invoice was paid after 600 days.
/// Share paid: tenant (9 + 2 x 0.95) / 12 = 0.908333; Steady (8 + 2 x 0.908333) / 10 = 0.981667, a factor of 1.080734.
/// Young: 8/11 x 1.080734 = 0.786 within 13 weeks, (9/11) x 1.080734 = 0.884 ever. Old: nothing.
/// </summary>
public sealed class ForecastProbabilityByAgeTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Aging Debts GmbH");
        var steady = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Steady")).Id;
        var slow = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Slow")).Id;
        for (var m = 0; m < 8; m++)
        {
            var due = new DateOnly(2025, 6, 1).AddMonths(m);
            var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, steady, $"S-{m}", 500m, due.AddDays(-30), due);
            await DashboardLedger.PayAsync(db, tenant, invoice, 500m, due.AddDays(10));
        }

        var writtenOff = await LedgerBuilder.AddInvoiceAsync(db, tenant, slow, "L-1", 700m, new(2025, 2, 1), new(2025, 3, 1));
        var late = await LedgerBuilder.AddInvoiceAsync(db, tenant, slow, "L-2", 700m, new(2024, 12, 1), new(2025, 1, 1));
        await DashboardLedger.PayAsync(db, tenant, late, 700m, new DateOnly(2025, 1, 1).AddDays(400));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, steady, "YOUNG", 1000m, new(2026, 5, 11), db.Today.AddDays(-5));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, slow, "OLD", 1000m, db.Today.AddDays(-630), db.Today.AddDays(-600));
        await DashboardLedger.WriteOffAsync(db, tenant, writtenOff, new DateOnly(2025, 3, 1).AddDays(300));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_invoice_600_days_overdue_contributes_nothing_while_a_fresh_one_keeps_most_of_its_amount()
    {
        await using var scope = db.ForTenant(tenant);
        var view = await scope.Services.GetRequiredService<ForecastService>().BaselineAsync(CancellationToken.None);
        var numbers = await scope.Db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Number);
        var old = view.Receipts.Single(r => numbers[r.InvoiceId] == "OLD");
        var young = view.Receipts.Single(r => numbers[r.InvoiceId] == "YOUNG");

        Assert.Equal(0m, old.Probability);
        Assert.Equal(0m, old.Ever);
        Assert.Equal(0.786m, Math.Round(young.Probability, 3));
        Assert.Equal(0.884m, Math.Round(young.Ever, 3));
        Assert.Equal(786m, Math.Round(view.Weeks.Sum(w => w.Expected)));
    }

    [Fact]
    public async Task The_outlook_states_what_is_expected_after_13_weeks_and_never()
    {
        await using var scope = db.ForTenant(tenant);
        var outlook = (await scope.Services.GetRequiredService<ForecastService>().BaselineAsync(CancellationToken.None)).Outlook;

        Assert.Equal(2000m, outlook.Open);
        Assert.Equal(39.3m, Math.Round(outlook.InHorizonShare!.Value, 1)); // 786 of 2000
        Assert.Equal(4.9m, Math.Round(outlook.LaterShare!.Value, 1)); // 884 - 786
        Assert.Equal(55.8m, Math.Round(outlook.NeverShare!.Value, 1)); // 2000 - 884
    }
}
