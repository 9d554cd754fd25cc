using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ArCollect.Infrastructure.Tenancy;

/// <summary>Stamps the current tenant on new rows and refuses to write a row of another tenant or move a row between tenants.</summary>
public sealed class TenantStampInterceptor(TenantContext tenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    var current = tenant.RequiredTenantId;
                    if (entry.Entity.TenantId == Guid.Empty)
                    {
                        entry.Entity.TenantId = current;
                    }
                    else if (entry.Entity.TenantId != current)
                    {
                        throw new InvalidOperationException($"Refusing to add a {entry.Metadata.ClrType.Name} for another tenant.");
                    }

                    break;
                case EntityState.Modified when entry.Property(e => e.TenantId).IsModified:
                    throw new InvalidOperationException($"Refusing to move a {entry.Metadata.ClrType.Name} to another tenant.");
            }
        }
    }
}
