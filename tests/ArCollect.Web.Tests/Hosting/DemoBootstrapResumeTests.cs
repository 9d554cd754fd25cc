using ArCollect.Infrastructure.Data;
using ArCollect.Web.Hosting;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Hosting;

/// <summary>A demo seed that stopped part-way is completed by the next start instead of leaving an empty demo tenant.</summary>
public sealed class DemoBootstrapResumeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_seed_that_failed_after_the_sign_up_is_completed_by_the_next_start_and_the_logins_work()
    {
        // The ledger generator refuses a demo without customers: the seed stops after the tenant and its users exist.
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            DemoBootstrap.EnsureAsync(app.Services, seed: true, new DemoOptionsSection { Customers = 0, Invoices = 100, Months = 6 }, CancellationToken.None));
        var tenantId = await TenantIdAsync();
        Assert.Equal(0, await LedgerSeed.WithDbAsync(app, tenantId, db => db.Customers.CountAsync()));

        var logins = await DemoBootstrap.EnsureAsync(app.Services, seed: true, new DemoOptionsSection { Customers = 12, Invoices = 240, Months = 6 }, CancellationToken.None);

        Assert.Equal(DemoBootstrap.Logins, logins);
        Assert.Equal(tenantId, await TenantIdAsync());
        Assert.Equal(12, await LedgerSeed.WithDbAsync(app, tenantId, db => db.Customers.CountAsync()));
        Assert.True(await LedgerSeed.WithDbAsync(app, tenantId, db => db.Invoices.AnyAsync()));
        foreach (var login in DemoBootstrap.Logins)
        {
            using var client = app.NewClient();
            await client.SignInAsync(login.Email, login.Password);
        }

        // A further start finds the demo complete and seeds nothing more.
        await DemoBootstrap.EnsureAsync(app.Services, seed: true, new DemoOptionsSection { Customers = 12, Invoices = 240, Months = 6 }, CancellationToken.None);
        Assert.Equal(12, await LedgerSeed.WithDbAsync(app, tenantId, db => db.Customers.CountAsync()));
    }

    private async Task<Guid> TenantIdAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ArCollectDbContext>().Tenants.AsNoTracking()
            .Where(t => t.Name == DemoBootstrap.TenantName).Select(t => t.Id).SingleAsync();
    }
}
