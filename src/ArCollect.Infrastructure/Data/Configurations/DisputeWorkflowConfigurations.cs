using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class DisputeItemConfiguration : IEntityTypeConfiguration<DisputeItem>
{
    public void Configure(EntityTypeBuilder<DisputeItem> b)
    {
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasIndex(x => new { x.TenantId, x.DisputeId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InvoiceLine>().WithMany().HasForeignKey(x => x.InvoiceLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisputeCommentConfiguration : IEntityTypeConfiguration<DisputeComment>
{
    public void Configure(EntityTypeBuilder<DisputeComment> b)
    {
        b.Property(x => x.Body).HasMaxLength(4000);
        b.HasIndex(x => new { x.TenantId, x.DisputeId, x.At });
        b.HasOne<Dispute>().WithMany().HasForeignKey(x => x.DisputeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DisputeReasonCodeConfiguration : IEntityTypeConfiguration<DisputeReasonCode>
{
    public void Configure(EntityTypeBuilder<DisputeReasonCode> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Label).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique();
    }
}

internal sealed class DisputeTeamConfiguration : IEntityTypeConfiguration<DisputeTeam>
{
    public void Configure(EntityTypeBuilder<DisputeTeam> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
    }
}

internal sealed class DisputeRoutingRuleConfiguration : IEntityTypeConfiguration<DisputeRoutingRule>
{
    public void Configure(EntityTypeBuilder<DisputeRoutingRule> b)
    {
        b.Property(x => x.ReasonCode).HasMaxLength(40);
        b.Property(x => x.Segment).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.Order });
        b.HasOne<DisputeTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisputeSlaPolicyConfiguration : IEntityTypeConfiguration<DisputeSlaPolicy>
{
    public void Configure(EntityTypeBuilder<DisputeSlaPolicy> b)
    {
        b.Property(x => x.ReasonCode).HasMaxLength(40);
        b.HasIndex(x => new { x.TenantId, x.ReasonCode, x.Priority }).IsUnique().AreNullsDistinct(false);
    }
}
