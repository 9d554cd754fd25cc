using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>Portal links and seller bank details, issued through the app's own services as a company's request would.</summary>
public static class PortalSeed
{
    /// <summary>Issues a link for the customer and returns its site-relative address, <c>/portal/{token}</c>.</summary>
    public static async Task<string> LinkAsync(AppFixture app, Guid tenantId, Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var issued = await scope.ServiceProvider.GetRequiredService<PortalLinks>().IssueAsync(customerId, "Test", null, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().SaveChangesAsync();
        return "/portal/" + issued.Token;
    }

    public static async Task AddBankAccountAsync(AppFixture app, Guid tenantId) =>
        await LedgerSeed.WithDbAsync(app, tenantId, async db =>
        {
            if (await db.CompanyProfiles.AnyAsync())
            {
                return 0;
            }

            db.CompanyProfiles.Add(new CompanyProfile
            {
                TenantId = tenantId,
                LegalName = "Seller GmbH",
                AccountHolder = "Seller GmbH",
                Iban = "DE89370400440532013000",
                Bic = "COBADEFFXXX",
            });
            return await db.SaveChangesAsync();
        });

    public static Task<T> AsCompanyAsync<T>(AppFixture app, Guid tenantId, Func<ArCollectDbContext, Task<T>> work) =>
        LedgerSeed.WithDbAsync(app, tenantId, work);
}
