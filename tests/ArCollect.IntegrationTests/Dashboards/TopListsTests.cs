using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.IntegrationTests.Infrastructure;

namespace ArCollect.IntegrationTests.Dashboards;

public sealed class TopListsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Top_lists_rank_in_the_base_currency_and_flag_a_currency_without_a_rate()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Ranks AG");
        var dollars = await LedgerBuilder.AddCustomerAsync(db, tenant, "Dollar Debtor", "USD");
        var euros = await LedgerBuilder.AddCustomerAsync(db, tenant, "Euro Debtor");
        var yen = await LedgerBuilder.AddCustomerAsync(db, tenant, "Yen Debtor", "JPY");
        var usd = await LedgerBuilder.AddInvoiceAsync(db, tenant, dollars.Id, "USD-1", 1000m, db.Today.AddDays(-60), db.Today.AddDays(-30), "USD");
        var eur = await LedgerBuilder.AddInvoiceAsync(db, tenant, euros.Id, "EUR-1", 800m, db.Today.AddDays(-60), db.Today.AddDays(-30));
        var jpy = await LedgerBuilder.AddInvoiceAsync(db, tenant, yen.Id, "JPY-1", 900000m, db.Today.AddDays(-60), db.Today.AddDays(-30), "JPY");
        await using var scope = db.ForTenant(tenant);
        scope.Db.ExchangeRates.Add(new ExchangeRate { Id = Guid.CreateVersion7(), Currency = "USD", RateToBase = 0.5m, RateDate = db.Today.AddDays(-3), UpdatedAt = db.Time.GetUtcNow() });
        foreach (var (invoice, customer) in new[] { (usd, dollars.Id), (eur, euros.Id), (jpy, yen.Id) })
        {
            scope.Db.InvoiceScores.Add(new InvoiceScore
            {
                InvoiceId = invoice.Id,
                CustomerId = customer,
                ProbabilityLate = 0.5,
                PredictedPayDate = db.Today,
                Band = RiskBand.High,
                Reasons = "Pays late",
                ScoredAt = db.Time.GetUtcNow(),
            });
        }

        await scope.Db.SaveChangesAsync();

        var overdue = await TopLists.MostOverdueAsync(scope.Db, "EUR", db.Today, 10, CancellationToken.None);
        var risky = await TopLists.MostExpectedLateAsync(scope.Db, "EUR", db.Today, 10, CancellationToken.None);

        Assert.Equal([("Euro Debtor", 800m, false), ("Dollar Debtor", 500m, false), ("Yen Debtor", 0m, true)],
            overdue.Select(o => (o.Name, o.Overdue, o.MissingRate)));
        Assert.Equal([(eur.Id, 800m, 400m), (usd.Id, 500m, 250m), (jpy.Id, 0m, 0m)], risky.Select(r => (r.InvoiceId, r.BalanceInBase, r.ExpectedLateInBase)));
        Assert.True(risky[2].MissingRate);
    }
}
