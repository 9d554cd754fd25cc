using ArCollect.Infrastructure.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Drafting;

public static class DraftingServices
{
    /// <summary>Drafted follow-ups: the facts query, the drafter with its guarded model endpoint, and the sender.</summary>
    public static IServiceCollection AddArCollectDrafting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DraftingOptions>()
            .Bind(configuration.GetSection(DraftingOptions.Section))
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 300, "Drafting:TimeoutSeconds must be between 1 and 300.")
            .Validate(o => o.MaxResponseBytes is >= 1024, "Drafting:MaxResponseBytes must be at least 1024.")
            .ValidateOnStart();
        services.TryAddSingleton<MailSecrets>();
        services.AddSingleton<LanguageModelEndpoint>();
        services.AddScoped<FollowUpFactsQuery>();
        services.AddScoped<FollowUpDrafter>();
        services.AddScoped<FollowUpSender>();
        return services;
    }
}
