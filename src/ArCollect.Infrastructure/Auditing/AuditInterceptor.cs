using System.Text.Json;
using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ArCollect.Infrastructure.Auditing;

/// <summary>Writes an audit entry, in the same transaction, for every change to money: invoices, payments, allocations, credit notes, disputes, prompt-payer rules.</summary>
public sealed class AuditInterceptor(TenantContext tenant, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
        [typeof(Invoice), typeof(Payment), typeof(PaymentAllocation), typeof(CreditNote), typeof(WriteOff), typeof(WriteOffRequest), typeof(Dispute), typeof(DisputeItem), typeof(DisputeComment), typeof(Domain.Incentives.IncentiveRule)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null || !tenant.HasTenant)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => Audited.Contains(e.Metadata.ClrType) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new AuditEntry
            {
                TenantId = tenant.RequiredTenantId,
                At = now,
                UserId = tenant.UserId,
                EntityType = e.Metadata.ClrType.Name,
                EntityId = e.Property("Id").CurrentValue is Guid id ? id : Guid.Empty,
                Action = e.State.ToString(),
                Details = Describe(e),
            })
            .ToList();
        context.Set<AuditEntry>().AddRange(entries);
    }

    private static string Describe(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !p.Metadata.IsKey() && p.Metadata.Name != "TenantId"))
        {
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null && property.Metadata.GetComputedColumnSql() is null:
                    changes[property.Metadata.Name] = property.CurrentValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = new { from = property.OriginalValue, to = property.CurrentValue };
                    break;
                case EntityState.Deleted:
                    changes[property.Metadata.Name] = property.OriginalValue;
                    break;
            }
        }

        return JsonSerializer.Serialize(changes);
    }
}
