using ArCollect.Domain.Activities;
using ArCollect.Domain.Common;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> b)
    {
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Ignore(x => x.IsOpen);
        b.Property(x => x.ReasonCode).HasMaxLength(40).UsePropertyAccessMode(PropertyAccessMode.Property);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.RoutedBy).HasMaxLength(200);
        b.Property(x => x.Resolution).HasMaxLength(4000);
        b.HasIndex(x => new { x.TenantId, x.OwnerUserId, x.DueAt });
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasIndex(x => new { x.TenantId, x.Status });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(x => x.Summary).HasMaxLength(500);
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.At }).IsDescending(false, false, true);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.EntityType).HasMaxLength(60);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.Details).HasColumnType("jsonb");
        b.HasIndex(x => new { x.TenantId, x.EntityId });
        b.HasIndex(x => new { x.TenantId, x.At });
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.HasIndex(x => x.TenantId);
    }
}
