using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.PaymentPlans;
using ArCollect.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class PaymentPlanConfiguration : IEntityTypeConfiguration<PaymentPlan>
{
    public void Configure(EntityTypeBuilder<PaymentPlan> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Source).HasMaxLength(20);
        b.Property(x => x.OutsideRules).HasMaxLength(1000);
        b.Property(x => x.DecisionReason).HasMaxLength(500);
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.Status });
        b.HasIndex(x => new { x.TenantId, x.Status });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Instalments).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Invoices).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentPlanInstalmentConfiguration : IEntityTypeConfiguration<PaymentPlanInstalment>
{
    public void Configure(EntityTypeBuilder<PaymentPlanInstalment> b)
    {
        b.HasIndex(x => new { x.TenantId, x.PlanId, x.Number }).IsUnique();
    }
}

internal sealed class PaymentPlanInvoiceConfiguration : IEntityTypeConfiguration<PaymentPlanInvoice>
{
    public void Configure(EntityTypeBuilder<PaymentPlanInvoice> b)
    {
        b.HasIndex(x => new { x.TenantId, x.PlanId, x.InvoiceId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentPlanCurrencyRuleConfiguration : IEntityTypeConfiguration<PaymentPlanCurrencyRule>
{
    public void Configure(EntityTypeBuilder<PaymentPlanCurrencyRule> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.HasIndex(x => new { x.TenantId, x.Currency }).IsUnique();
    }
}

internal sealed class PortalCodeConfiguration : IEntityTypeConfiguration<PortalCode>
{
    public void Configure(EntityTypeBuilder<PortalCode> b)
    {
        b.Property(x => x.Purpose).HasMaxLength(20);
        b.Property(x => x.CodeHash).HasMaxLength(32);
        b.HasIndex(x => new { x.TenantId, x.PortalLinkId, x.Purpose, x.CreatedAt });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PortalLink>().WithMany().HasForeignKey(x => x.PortalLinkId).OnDelete(DeleteBehavior.Cascade);
    }
}
