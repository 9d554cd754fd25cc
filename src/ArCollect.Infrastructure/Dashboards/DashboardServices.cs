using ArCollect.Infrastructure.Forecasting;
using ArCollect.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Dashboards;

public static class DashboardServices
{
    /// <summary>Aging, KPI and forecast queries, the rate importer and the alerts job.</summary>
    public static IServiceCollection AddArCollectDashboards(this IServiceCollection services)
    {
        services.AddScoped<AgingQuery>();
        services.AddScoped<DisputedAgingQuery>();
        services.AddScoped<KpiFactsQuery>();
        services.AddScoped<CustomerChangesQuery>();
        services.AddScoped<WorkflowQuery>();
        services.AddScoped<ExchangeRateImporter>();
        services.AddMemoryCache();
        services.AddScoped<HistoryReceiptPredictor>();
        services.AddScoped<IReceiptPredictor, ScoredReceiptPredictor>();
        services.AddScoped<ForecastService>();
        services.AddScoped<ForecastTrackRecord>();
        services.AddScoped<DashboardAlerts>();
        services.TryAddSingleton<TenantJobRunner>();
        services.AddTransient<DashboardAlertsJob>();
        services.AddScoped<LedgerFactsCheck>();
        services.AddTransient<LedgerFactsCheckJob>();
        return services;
    }
}
