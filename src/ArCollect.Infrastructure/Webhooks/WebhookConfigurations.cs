using ArCollect.Domain.Webhooks;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("webhook_endpoints");
        b.Property(x => x.Url).HasMaxLength(2000);
        b.Property(x => x.Description).HasMaxLength(200);
        b.Property(x => x.DisabledReason).HasMaxLength(1000);
        b.HasIndex(x => x.TenantId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.Property(x => x.EventType).HasMaxLength(40);
        b.Property(x => x.EventKey).HasMaxLength(120);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => new { x.TenantId, x.EndpointId, x.EventKey }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.Status, x.NextAttemptAt });
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("webhook_attempts");
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasIndex(x => new { x.TenantId, x.EndpointId, x.At });
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The webhook tables of the context.</summary>
public static class WebhookSets
{
    extension(ArCollectDbContext db)
    {
        public DbSet<WebhookEndpoint> WebhookEndpoints => db.Set<WebhookEndpoint>();

        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();

        public DbSet<WebhookAttempt> WebhookAttempts => db.Set<WebhookAttempt>();
    }
}
