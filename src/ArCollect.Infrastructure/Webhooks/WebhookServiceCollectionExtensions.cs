using ArCollect.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddArCollectWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(2), "Webhooks:Timeout must be between 0 and 2 minutes.")
            .Validate(o => o.MaxResponseBytes is > 0 and <= 10 * 1024 * 1024, "Webhooks:MaxResponseBytes must be between 1 and 10 MB.")
            .Validate(o => o.DisableAfterFailures > 0, "Webhooks:DisableAfterFailures must be at least 1.")
            .Validate(o => o.BatchSize is > 0 and <= 1000, "Webhooks:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        services.TryAddSingleton<WebhookHttp>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookAdmin>();
        services.TryAddSingleton<TenantJobRunner>();
        services.AddTransient<WebhookSendJob>();
        return services;
    }
}
