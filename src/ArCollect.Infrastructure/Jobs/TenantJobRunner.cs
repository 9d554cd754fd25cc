using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Jobs;

/// <summary>Runs work inside one tenant's scope, as background jobs must: a fresh DI scope whose tenant is the job's argument.</summary>
public sealed class TenantJobRunner(IServiceScopeFactory scopes, TimeProvider time, ILogger<TenantJobRunner> logger)
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

    /// <summary>
    /// Runs one unit of an all-tenant job for each tenant in turn. A tenant whose unit throws, or reports a problem
    /// (a non-null message), is logged and recorded in its <see cref="JobRun"/> rows; the other tenants still run and
    /// the job itself succeeds, so the scheduler never retries every tenant for one tenant's fault.
    /// </summary>
    public async Task<int> ForEachTenantAsync(string job, IEnumerable<Guid> tenantIds, Func<Guid, Task<string?>> work, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var tenantId in tenantIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetUtcNow();
            string? problem;
            try
            {
                problem = await work(tenantId);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Job} failed for {TenantId}", job, tenantId);
                problem = $"{ex.GetType().Name}: {ex.Message}";
            }

            failed += problem is null ? 0 : 1;
            try
            {
                await RunAsync(tenantId, sp => JobRunLog.RecordAsync(sp.GetRequiredService<ArCollectDbContext>(), job, started, time.GetUtcNow(), problem, CancellationToken.None));
            }
            catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogError(ex, "Could not record the outcome of {Job} for {TenantId}", job, tenantId);
            }
        }

        return failed;
    }

    /// <summary><see cref="ForEachTenantAsync(string, IEnumerable{Guid}, Func{Guid, Task{string}}, CancellationToken)"/> over every tenant.</summary>
    public async Task<int> ForEachTenantAsync(string job, Func<Guid, Task> work, CancellationToken cancellationToken) =>
        await ForEachTenantAsync(job, await TenantIdsAsync(cancellationToken), async tenantId =>
        {
            await work(tenantId);
            return null;
        }, cancellationToken);
}
