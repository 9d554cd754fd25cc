using ArCollect.Domain.Common;
using ArCollect.Domain.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>Small reads every dashboard needs: the tenant's settings, base currency and exchange rates.</summary>
public static class DashboardData
{
    /// <summary>The tenant's settings, or the defaults (not saved) when the admin has not changed any.</summary>
    public static async Task<DashboardSettings> SettingsAsync(this ArCollectDbContext db, CancellationToken cancellationToken) =>
        await db.DashboardSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new DashboardSettings();

    public static AgingBuckets Buckets(this DashboardSettings settings) =>
        AgingBuckets.TryParse(settings.AgingEdges).Buckets ?? AgingBuckets.Standard;

    public static async Task<CurrencyConverter> ConverterAsync(this ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Dashboards need a tenant.");
        var baseCurrency = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.BaseCurrency).SingleAsync(cancellationToken);
        var rates = await db.ExchangeRates.AsNoTracking()
            .Select(r => new RateQuote(r.Currency, r.RateToBase, r.RateDate))
            .ToListAsync(cancellationToken);
        return new CurrencyConverter(baseCurrency.Trim(), rates);
    }
}
