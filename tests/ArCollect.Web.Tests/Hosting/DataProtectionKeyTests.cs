using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Hosting;

public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task With_a_configured_certificate_the_stored_keys_are_encrypted_and_still_usable_after_a_restart()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"arcollect-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ArCollect Data Protection Test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
        }

        var server = await PostgresServer.GetAsync();
        var connection = await server.CreateDatabaseAsync("dpkeys");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(connection),
            ["ConnectionStrings:Migrations"] = connection,
            ["Urls"] = "http://127.0.0.1:0",
            ["App:Role"] = "web",
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = "pfx-secret",
        };

        string protectedText;
        string keyXml;
        await using (var host = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None))
        {
            protectedText = host.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("smtp-password");
            await using var scope = host.App.Services.CreateAsyncScope();
            keyXml = (await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().DataProtectionKeys.SingleAsync()).Xml!;
        }

        Assert.Contains("encryptedSecret", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keyXml, StringComparison.Ordinal);
        await using (var restarted = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None))
        {
            var unprotected = restarted.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);
            Assert.Equal("smtp-password", unprotected);
        }

        File.Delete(pfx);
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_in_plain_form()
    {
        var server = await PostgresServer.GetAsync();
        var connection = await server.CreateDatabaseAsync("dpplain");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = PostgresServer.AppConnectionString(connection), ["ConnectionStrings:Migrations"] = connection, ["Urls"] = "http://127.0.0.1:0", ["App:Role"] = "web" };

        await using var host = await AppHost.CreateAsync([], settings, seedDemo: false, CancellationToken.None);
        host.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
        await using var scope = host.App.Services.CreateAsyncScope();
        var keyXml = (await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().DataProtectionKeys.SingleAsync()).Xml!;

        Assert.Contains("<masterKey", keyXml, StringComparison.Ordinal);
    }
}
