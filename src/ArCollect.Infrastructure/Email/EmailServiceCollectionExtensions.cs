using ArCollect.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SMTP when a host is configured, else the pickup folder; plus the outbox sender and its job.</summary>
    public static IServiceCollection AddArCollectEmail(this IServiceCollection services, IConfiguration configuration, string defaultPickupDirectory)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure(o => o.PickupDirectory = string.IsNullOrWhiteSpace(o.PickupDirectory) ? defaultPickupDirectory : o.PickupDirectory)
            .Validate(o => o.SmtpPort is > 0 and < 65536, "Email:SmtpPort must be a TCP port.")
            .Validate(o => MessageComposer.TryParseAddresses(o.FromAddress, out _), "Email:FromAddress must be a valid address.")
            .ValidateOnStart();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpMailTransport>()
            : sp.GetRequiredService<PickupDirectoryTransport>());
        services.TryAddSingleton<MailSecrets>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<MailSettingsTester>();
        services.AddSingleton<TenantJobRunner>();
        services.AddTransient<OutboxSendJob>();
        return services;
    }
}
