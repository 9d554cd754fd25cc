using ArCollect.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.IdempotencyKey).HasMaxLength(300);
        b.Property(x => x.ToAddresses).HasMaxLength(2000);
        b.Property(x => x.FromAddress).HasMaxLength(320);
        b.Property(x => x.ReplyTo).HasMaxLength(320);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.MessageId).HasMaxLength(320);
        b.Property(x => x.InReplyTo).HasMaxLength(320);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.Property(x => x.ProviderMessageId).HasMaxLength(64);
        b.Property(x => x.ProviderStatus).HasMaxLength(40);
        b.HasIndex(x => new { x.TenantId, x.IdempotencyKey }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.ProviderMessageId });
        b.HasIndex(x => x.MessageId).IsUnique();
        b.HasIndex(x => x.ClaimToken);
        b.HasIndex(x => new { x.TenantId, x.Status, x.NextAttemptAt });
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.CreatedAt });
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.OutboxMessageId });
    }
}
