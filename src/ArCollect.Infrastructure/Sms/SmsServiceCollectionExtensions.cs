using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>Twilio client, SMS sender, callbacks and the protector for Twilio auth tokens.</summary>
    public static IServiceCollection AddArCollectSms(this IServiceCollection services, IConfiguration configuration, string defaultPickupDirectory)
    {
        services.AddOptions<SmsOptions>()
            .Bind(configuration.GetSection(SmsOptions.Section))
            .PostConfigure(o => o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory) ? defaultPickupDirectory : o.PickupDirectory)
            .Validate(o => string.IsNullOrWhiteSpace(o.ApiBaseUrl) || Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Sms:ApiBaseUrl must be an absolute URL.")
            .Validate(o => o.BatchSize is > 0 and <= 1000, "Sms:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        services.AddTransient<TwilioBaseUrlHandler>();
        services.AddHttpClient(TwilioGateway.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).AddHttpMessageHandler<TwilioBaseUrlHandler>();
        services.AddSingleton<TwilioGateway>();
        services.AddSingleton<SmsSecrets>();
        services.AddScoped<SmsSender>();
        services.AddScoped<TwilioWebhooks>();
        services.AddScoped<Calls.CallOutcomes>();
        return services;
    }
}
