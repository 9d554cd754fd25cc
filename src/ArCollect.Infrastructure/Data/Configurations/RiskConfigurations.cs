using ArCollect.Domain.Risk;
using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class RiskModelRunConfiguration : IEntityTypeConfiguration<RiskModelRun>
{
    public void Configure(EntityTypeBuilder<RiskModelRun> b)
    {
        b.ToTable("risk_models");
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.Property(x => x.MetricsJson).HasColumnType("jsonb");
        b.HasIndex(x => new { x.TenantId, x.Version }).IsUnique();

        // At most one active model per tenant, enforced by the database rather than by care.
        b.HasIndex(x => x.TenantId).IsUnique().HasFilter("is_active").HasDatabaseName("ix_risk_models_tenant_id_active");
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceScoreConfiguration : IEntityTypeConfiguration<InvoiceScore>
{
    public void Configure(EntityTypeBuilder<InvoiceScore> b)
    {
        b.HasKey(x => x.InvoiceId);
        b.Property(x => x.Reasons).HasMaxLength(2000);
        b.HasIndex(x => new { x.TenantId, x.CustomerId });

        // No foreign keys on scores: they are derived data replaced wholesale each night, and checking two keys per
        // row would cost about as much as writing the rows. Invoices and customers are never deleted anyway.
    }
}

internal sealed class CustomerScoreConfiguration : IEntityTypeConfiguration<CustomerScore>
{
    public void Configure(EntityTypeBuilder<CustomerScore> b)
    {
        b.HasKey(x => x.CustomerId);
        b.Property(x => x.Reasons).HasMaxLength(2000);
        b.HasIndex(x => x.TenantId);
    }
}

internal sealed class RiskSettingsConfiguration : IEntityTypeConfiguration<RiskSettings>
{
    public void Configure(EntityTypeBuilder<RiskSettings> b)
    {
        b.HasKey(x => x.TenantId);
        b.HasOne<Tenant>().WithOne().HasForeignKey<RiskSettings>(x => x.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
