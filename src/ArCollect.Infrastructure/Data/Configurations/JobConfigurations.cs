using ArCollect.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(x => x.Job).HasMaxLength(100);
        b.Property(x => x.Message).HasMaxLength(2000);
        b.HasIndex(x => new { x.TenantId, x.Job, x.StartedAt });
    }
}
