using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Runs work inside one tenant's scope, as background jobs must: a fresh DI scope whose tenant is the job's argument.</summary>
public sealed class TenantJobRunner(IServiceScopeFactory scopes)
{
    public async Task<T> RunAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Work on platform tables (e.g. the tenants table), with no tenant set.</summary>
    public async Task<T> WithoutTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>All tenant ids (the tenants table is a platform table, readable without a tenant).</summary>
    public async Task<IReadOnlyList<Guid>> TenantIdsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        return await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
    }
}
