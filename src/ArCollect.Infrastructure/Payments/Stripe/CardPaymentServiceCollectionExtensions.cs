using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArCollect.Infrastructure.Payments.Stripe;

public static class CardPaymentServiceCollectionExtensions
{
    /// <summary>Card payments through Stripe Checkout: the gateway, the encrypted secrets and the webhook handler.</summary>
    public static IServiceCollection AddCardPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section));
        services.TryAddSingleton<IStripeGateway, StripeGateway>();
        services.TryAddSingleton<StripeSecrets>();
        services.TryAddScoped<StripeWebhookHandler>();
        return services;
    }
}
