using ArCollect.Domain.Customers;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class ReplyClassificationConfiguration : IEntityTypeConfiguration<ReplyClassification>
{
    public void Configure(EntityTypeBuilder<ReplyClassification> b)
    {
        b.Property(x => x.Intent).HasMaxLength(20);
        b.Property(x => x.Tone).HasMaxLength(20);
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.Property(x => x.InvoiceNumbers).HasMaxLength(500);
        b.Property(x => x.PaymentReferences).HasMaxLength(500);
        b.HasIndex(x => new { x.TenantId, x.InboundMessageId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.NeedsAcknowledgement });
        b.HasIndex(x => new { x.TenantId, x.Status, x.ClassifiedAt });
        b.HasOne<InboundMessage>().WithMany().HasForeignKey(x => x.InboundMessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
