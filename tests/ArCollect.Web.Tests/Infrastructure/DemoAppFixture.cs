using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Identity;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a fresh database seeded as a first run seeds it: the demo tenant with its history and logins,
/// only smaller. The demo tenant is what a newcomer tries first, so its numbered history must work with every action.
/// </summary>
public sealed class DemoAppFixture() : AppFixtureBase(demo: true)
{
    public DateOnly Today => DateOnly.FromDateTime(Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    public async Task<Guid> DemoTenantAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoBootstrap.Logins[2].Email);
        return user!.TenantId;
    }

    public async Task<T> WithDbAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<ArCollectDbContext>());
    }
}
