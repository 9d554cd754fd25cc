using System.Security.Cryptography.X509Certificates;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;

namespace ArCollect.Web.Hosting;

/// <summary>Where the Data Protection keys (sign-in cookies, stored mail passwords) live, and how they are encrypted at rest.</summary>
public sealed class DataProtectionOptionsSection
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file whose certificate encrypts the keys stored in PostgreSQL; every web and worker process needs it.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class DataProtectionSetup
{
    public static IServiceCollection AddArCollectDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("ArCollect").PersistKeysToDbContext<ArCollectDbContext>();
        var options = configuration.GetSection(DataProtectionOptionsSection.Section).Get<DataProtectionOptionsSection>() ?? new DataProtectionOptionsSection();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            // Without a certificate the keys are stored unencrypted and Data Protection logs a warning saying so.
            return services;
        }

        if (!File.Exists(options.CertificatePath))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath '{options.CertificatePath}' does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in '{options.CertificatePath}' has no private key, so it cannot decrypt the keys it protects.");
        }

        builder.ProtectKeysWithCertificate(certificate);
        // Decryption finds the certificate by thumbprint; supplying it here works without the machine's certificate store.
        builder.UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }
}
