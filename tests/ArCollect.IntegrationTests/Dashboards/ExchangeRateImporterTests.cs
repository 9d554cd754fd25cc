using System.Text;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

public sealed class ExchangeRateImporterTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Rates GmbH");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<ExchangeRateImporter.Result> ImportAsync(string csv)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<ExchangeRateImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "EUR", CancellationToken.None);
    }

    private async Task<List<(string, decimal, DateOnly)>> StoredAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var rows = await scope.Db.ExchangeRates.OrderBy(r => r.Currency).ThenBy(r => r.RateDate).ToListAsync();
        return rows.Select(r => (r.Currency, r.RateToBase, r.RateDate)).ToList();
    }

    [Fact]
    public async Task Importing_the_same_file_twice_keeps_one_rate_per_currency_and_date()
    {
        const string csv = "currency,rate_to_base,rate_date\nUSD,0.92,2026-06-01\ngbp,1.17,2026-06-01\n";

        var first = await ImportAsync(csv);
        var second = await ImportAsync(csv.Replace("0.92", "0.91", StringComparison.Ordinal));

        Assert.Equal((2, 2), (first.Imported, second.Imported));
        Assert.Equal([("GBP", 1.17m, new DateOnly(2026, 6, 1)), ("USD", 0.91m, new DateOnly(2026, 6, 1))], await StoredAsync());
    }

    [Fact]
    public async Task A_bad_row_refuses_the_file_naming_row_and_column_and_stores_nothing()
    {
        var result = await ImportAsync("currency,rate_to_base,rate_date\nUSD,0.92,2026-06-01\nXXX,abc,30/06/2026\nEUR,1,2026-06-01\n");

        Assert.Equal(
            [
                "Row 2, column currency: 'XXX' is not an ISO 4217 currency code.",
                "Row 2, column rate_to_base: The rate must be a positive number.",
                "Row 2, column rate_date: expected a date like 2026-06-30.",
                "Row 3, column currency: EUR is the base currency; it always converts at 1.",
            ],
            result.Errors);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_file_without_the_expected_columns_is_refused()
    {
        var result = await ImportAsync("code,rate\nUSD,0.9\n");

        Assert.Equal(["Missing column(s): currency, rate_to_base, rate_date."], result.Errors);
    }
}
