using ArCollect.Domain.Drafting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class DraftingSettingsConfiguration : IEntityTypeConfiguration<DraftingSettings>
{
    public void Configure(EntityTypeBuilder<DraftingSettings> b)
    {
        b.HasIndex(x => x.TenantId).IsUnique();
        b.Property(x => x.Endpoint).HasMaxLength(DraftingLimits.EndpointLength);
        b.Property(x => x.Model).HasMaxLength(DraftingLimits.ModelLength);
        b.Property(x => x.ApiKeyProtected).HasMaxLength(4000);
    }
}
