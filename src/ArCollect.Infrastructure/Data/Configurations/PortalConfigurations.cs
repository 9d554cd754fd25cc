using ArCollect.Domain.Customers;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class PortalLinkConfiguration : IEntityTypeConfiguration<PortalLink>
{
    public void Configure(EntityTypeBuilder<PortalLink> b)
    {
        b.Property(x => x.TokenHash).HasMaxLength(32);
        b.Property(x => x.IssuedFor).HasMaxLength(60);
        b.HasIndex(x => new { x.TenantId, x.TokenHash }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.ExpiresAt });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.PublicBaseUrl).HasMaxLength(300);
    }
}

internal sealed class DisputeAttachmentConfiguration : IEntityTypeConfiguration<DisputeAttachment>
{
    public void Configure(EntityTypeBuilder<DisputeAttachment> b)
    {
        b.Property(x => x.FileName).HasMaxLength(120);
        b.Property(x => x.ContentType).HasMaxLength(40);
        b.HasIndex(x => new { x.TenantId, x.DisputeId });
        b.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalReturnConfiguration : IEntityTypeConfiguration<PortalReturn>
{
    public void Configure(EntityTypeBuilder<PortalReturn> b)
    {
        b.Property(x => x.ReferenceHash).HasMaxLength(32);
        b.Property(x => x.ChoiceHash).HasMaxLength(32);
        b.HasIndex(x => new { x.TenantId, x.ReferenceHash }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.PortalLinkId, x.ChoiceHash });
        b.HasOne<PortalLink>().WithMany().HasForeignKey(x => x.PortalLinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncentiveRuleConfiguration : IEntityTypeConfiguration<Domain.Incentives.IncentiveRule>
{
    public void Configure(EntityTypeBuilder<Domain.Incentives.IncentiveRule> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.MinOnTimePercent).HasPrecision(5, 2);
        b.Property(x => x.DiscountPercent).HasPrecision(5, 2);
        b.HasIndex(x => new { x.TenantId, x.Active });
    }
}
