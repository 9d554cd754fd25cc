using ArCollect.Domain.Customers;
using ArCollect.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class StripeSettingsConfiguration : IEntityTypeConfiguration<StripeSettings>
{
    public void Configure(EntityTypeBuilder<StripeSettings> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.SecretKeyProtected).HasMaxLength(2000);
        b.Property(x => x.WebhookSecretProtected).HasMaxLength(2000);
        b.Property(x => x.SecretKeyHint).HasMaxLength(4);
    }
}

internal sealed class CardPaymentConfiguration : IEntityTypeConfiguration<CardPayment>
{
    public void Configure(EntityTypeBuilder<CardPayment> b)
    {
        b.Property(x => x.EventId).HasMaxLength(255);
        b.Property(x => x.CheckoutSessionId).HasMaxLength(255);
        b.Property(x => x.PaymentIntentId).HasMaxLength(255);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.FeeCurrency).HasMaxLength(3);
        b.HasIndex(x => new { x.TenantId, x.EventId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CheckoutSessionId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.PaymentIntentId });
        b.HasIndex(x => new { x.TenantId, x.CustomerId });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
