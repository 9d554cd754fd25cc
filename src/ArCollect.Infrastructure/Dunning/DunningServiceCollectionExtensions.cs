using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Jobs;
using ArCollect.Infrastructure.Replies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Dunning;

public static class DunningServiceCollectionExtensions
{
    /// <summary>The reminder run, its templates and job, and the protector for tenant mail secrets.</summary>
    public static IServiceCollection AddArCollectDunning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DunningOptions>()
            .Bind(configuration.GetSection(DunningOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Dunning:PublicBaseUrl must be an absolute URL.")
            .Validate(o => o.BatchSize is > 0 and <= 5000, "Dunning:BatchSize must be between 1 and 5000.")
            .ValidateOnStart();
        services.AddSingleton<ReminderTemplateEngine>();
        services.AddScoped<ReminderRunner>();
        services.TryAddSingleton<TenantJobRunner>();
        services.AddTransient<ReminderRunJob>();
        services.AddScoped<ReplyPoller>();
        services.TryAddSingleton<ReplyClassifier>();
        services.AddScoped<ReplyIntake>();
        services.AddScoped<PortalMessages>();
        services.AddScoped<ReplyActions>();
        services.AddTransient<ReplyPollJob>();
        services.TryAddSingleton<MailSecrets>();
        return services;
    }
}
