using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Incentives;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// The KPI page's EF queries run without the "First/FirstOrDefault without OrderBy and filter" warning the app logged
/// on every KPI request: here that warning throws (its own options, so no query compiled elsewhere is reused).
/// </summary>
public sealed class KpiPageQueryWarningsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new()
    {
        ConfigureServices = services => services.ConfigureDbContext<ArCollectDbContext>(
            options => options.ConfigureWarnings(w => w.Throw(CoreEventId.FirstWithoutOrderByAndFilterWarning))),
    };

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Incentive_summary_and_dashboard_settings_load_without_the_unordered_First_warning()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Quiet Logs GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "Q-1", 100m, new(2026, 6, 1), new(2026, 7, 1));
        await using var scope = db.ForTenant(tenant);

        var summary = await IncentiveKpis.SummaryAsync(scope.Db, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), CancellationToken.None);
        var settings = await scope.Db.SettingsAsync(CancellationToken.None);
        var converter = await scope.Db.ConverterAsync(CancellationToken.None);

        Assert.Equal(0, summary.Invoices);
        Assert.NotNull(settings);
        Assert.Equal("EUR", converter.BaseCurrency);
    }
}
