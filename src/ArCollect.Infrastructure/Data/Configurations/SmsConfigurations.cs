using ArCollect.Infrastructure.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class TenantSmsSettingsConfiguration : IEntityTypeConfiguration<TenantSmsSettings>
{
    public void Configure(EntityTypeBuilder<TenantSmsSettings> b)
    {
        b.Property(x => x.AccountSid).HasMaxLength(64);
        b.Property(x => x.FromNumber).HasMaxLength(16);
        b.Property(x => x.MessagingServiceSid).HasMaxLength(34);
        b.Property(x => x.AuthTokenHint).HasMaxLength(4);
        b.HasIndex(x => x.TenantId).IsUnique();
    }
}

internal sealed class SmsTemplateConfiguration : IEntityTypeConfiguration<SmsTemplate>
{
    public void Configure(EntityTypeBuilder<SmsTemplate> b)
    {
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Body).HasMaxLength(1600);
        b.HasIndex(x => new { x.TenantId, x.Tone, x.Language }).IsUnique();
    }
}
