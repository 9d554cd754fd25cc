using ArCollect.Domain.Customers;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class ReminderPolicyConfiguration : IEntityTypeConfiguration<ReminderPolicy>
{
    public void Configure(EntityTypeBuilder<ReminderPolicy> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
        b.HasIndex(x => x.TenantId).IsUnique().HasFilter("is_default").HasDatabaseName("ix_reminder_policies_one_default");
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);

        // Configured here rather than on Customer so the dunning feature owns its link.
        b.HasMany<Customer>().WithOne().HasForeignKey(c => c.ReminderPolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReminderStepConfiguration : IEntityTypeConfiguration<ReminderStep>
{
    public void Configure(EntityTypeBuilder<ReminderStep> b)
    {
        b.Property(x => x.Segment).HasMaxLength(60);
        b.Property(x => x.RiskBand).HasMaxLength(20);
        b.Property(x => x.Actions).HasConversion<int>();
        b.Ignore(x => x.Label);
        b.HasIndex(x => new { x.TenantId, x.PolicyId, x.OffsetDays });
    }
}

internal sealed class PromiseToPayConfiguration : IEntityTypeConfiguration<PromiseToPay>
{
    public void Configure(EntityTypeBuilder<PromiseToPay> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.Status });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CollectionTaskConfiguration : IEntityTypeConfiguration<CollectionTask>
{
    public void Configure(EntityTypeBuilder<CollectionTask> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Details).HasMaxLength(2000);
        b.Property(x => x.Source).HasMaxLength(60);
        b.Property(x => x.SourceKey).HasMaxLength(200);
        b.Property(x => x.CallScript).HasMaxLength(4000);
        b.HasIndex(x => new { x.TenantId, x.SourceKey }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.Status, x.DueOn });
        b.HasIndex(x => new { x.TenantId, x.CustomerId });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationRuleConfiguration : IEntityTypeConfiguration<EscalationRule>
{
    public void Configure(EntityTypeBuilder<EscalationRule> b) => b.HasIndex(x => x.TenantId);
}

internal sealed class ReminderLogEntryConfiguration : IEntityTypeConfiguration<ReminderLogEntry>
{
    public void Configure(EntityTypeBuilder<ReminderLogEntry> b)
    {
        b.HasIndex(x => new { x.TenantId, x.InvoiceId, x.StepId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.RunDate });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReminderStep>().WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        b.Property(x => x.MessageId).HasMaxLength(320);
        b.Property(x => x.FromAddress).HasMaxLength(320);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.HasIndex(x => new { x.TenantId, x.MessageId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.ReceivedAt });
    }
}

internal sealed class ThankYouEntryConfiguration : IEntityTypeConfiguration<ThankYouEntry>
{
    public void Configure(EntityTypeBuilder<ThankYouEntry> b)
    {
        b.HasIndex(x => new { x.TenantId, x.InvoiceId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.RunDate });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.HasIndex(x => new { x.TenantId, x.Tone, x.Language }).IsUnique();
    }
}

internal sealed class TenantMailSettingsConfiguration : IEntityTypeConfiguration<TenantMailSettings>
{
    public void Configure(EntityTypeBuilder<TenantMailSettings> b)
    {
        b.Property(x => x.SmtpHost).HasMaxLength(253);
        b.Property(x => x.SmtpUsername).HasMaxLength(320);
        b.Property(x => x.FromAddress).HasMaxLength(320);
        b.Property(x => x.ReplyToAddress).HasMaxLength(320);
        b.Property(x => x.ImapHost).HasMaxLength(253);
        b.Property(x => x.ImapUsername).HasMaxLength(320);
        b.Ignore(x => x.UsesOwnSmtp);
        b.Ignore(x => x.HasMailbox);
        b.HasIndex(x => x.TenantId).IsUnique();
    }
}
