using ArCollect.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Risk;

public static class RiskServiceCollectionExtensions
{
    /// <summary>Registers payment-delay training and scoring and its nightly job.</summary>
    public static IServiceCollection AddArCollectRisk(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantJobRunner>();
        services.AddScoped<RiskModelService>();
        services.AddTransient<RiskModelJob>();
        return services;
    }
}
