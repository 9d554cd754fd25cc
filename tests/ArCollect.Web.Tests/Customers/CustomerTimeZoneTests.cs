using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Customers;

/// <summary>A customer created without a time zone is reminded in the company's hours, not in UTC.</summary>
public sealed class CustomerTimeZoneTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> WithDbAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<ArCollectDbContext>());
    }

    private async Task<TenantSeed.Company> BerlinCompanyAsync(string name)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, name);
        await WithDbAsync(company.TenantId, db => db.Tenants.Where(t => t.Id == company.TenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, "Europe/Berlin")));
        return company;
    }

    [Fact]
    public async Task Api_customer_without_a_time_zone_takes_the_companys()
    {
        var company = await BerlinCompanyAsync("Zone Api");
        using var api = ApiSeed.Client(app, (await ApiSeed.CreateKeyAsync(app, company.TenantId)).Secret);

        var id = await ApiSeed.AddCustomerAsync(api, "Hafen Logistik");

        Assert.Equal("Europe/Berlin", await WithDbAsync(company.TenantId, db => db.Customers.Where(c => c.Id == id).Select(c => c.TimeZone).SingleAsync()));
    }

    [Fact]
    public async Task New_customer_form_starts_with_the_companys_time_zone()
    {
        var company = await BerlinCompanyAsync("Zone Form");
        using var client = app.NewClient();
        await client.SignInAsync(company.ClerkEmail, TenantSeed.Password);

        var form = await client.GetPageAsync("/Customers/Edit");

        Assert.Contains("value=\"Europe/Berlin\"", form, StringComparison.Ordinal);
    }
}
