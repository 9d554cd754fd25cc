using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Disputes.DisputeTestKit;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DisputedAmountCollectionTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Partial AG");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Only_the_disputed_amount_stops_reminders_and_a_fully_disputed_invoice_is_left_out()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 1000m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 8, 250m);
        await using (var scope = db.ForTenant(tenant))
        {
            var ids = await scope.Db.Invoices.OrderBy(i => i.Number).Select(i => i.Id).ToListAsync();
            Assert.True((await OpenAsync(db, tenant, "pricing", (ids[0], 300m))).Succeeded);
            Assert.True((await OpenAsync(db, tenant, "quantity", (ids[1], 250m))).Succeeded);
        }

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Contains("INV-1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("700.00", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("1,000.00", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-2", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Late_fees_are_charged_on_the_undisputed_part_only()
    {
        var customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Fees")).Id;
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.LateFeeKind = LateFeeKind.Percent;
            s.LateFeeValue = 10m;
        });
        var partly = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, new DateOnly(2026, 7, 1), terms: "Net 30");
        var fully = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 500m, new DateOnly(2026, 7, 1), terms: "Net 30");
        Assert.True((await OpenAsync(db, tenant, "pricing", (partly.Id, 400m))).Succeeded);
        Assert.True((await OpenAsync(db, tenant, "pricing", (fully.Id, 500m))).Succeeded);

        db.Time.SetUtcNow(new DateTimeOffset(2026, 8, 3, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await db.Services.GetRequiredService<LateFeeJob>().RunAsync(tenant, CancellationToken.None));

        await using var check = db.ForTenant(tenant);
        var fee = await check.Db.InvoiceLines.AsNoTracking().SingleAsync(l => l.LateFeePeriod != null);
        Assert.Equal(partly.Id, fee.InvoiceId);
        Assert.Equal(60m, fee.NetAmount);
    }
}
