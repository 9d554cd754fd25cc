using ArCollect.Domain.Customers;
using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Kpis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.RateToBase).HasPrecision(18, 8);
        b.HasIndex(x => new { x.TenantId, x.Currency, x.RateDate }).IsUnique();
    }
}

internal sealed class DashboardSettingsConfiguration : IEntityTypeConfiguration<DashboardSettings>
{
    public void Configure(EntityTypeBuilder<DashboardSettings> b)
    {
        b.Property(x => x.AgingEdges).HasMaxLength(100);
        b.Property(x => x.CollectionRateTargetPercent).HasPrecision(7, 2);
        b.Property(x => x.ForecastVarianceThresholdPercent).HasPrecision(7, 2);
        b.HasIndex(x => x.TenantId).IsUnique();
    }
}

internal sealed class AlertStateConfiguration : IEntityTypeConfiguration<AlertState>
{
    public void Configure(EntityTypeBuilder<AlertState> b)
    {
        b.HasIndex(x => new { x.TenantId, x.Kind, x.CustomerId }).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertAcknowledgementConfiguration : IEntityTypeConfiguration<AlertAcknowledgement>
{
    public void Configure(EntityTypeBuilder<AlertAcknowledgement> b)
    {
        b.HasIndex(x => new { x.TenantId, x.OutboxMessageId }).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(200);
    }
}

internal sealed class ForecastSnapshotConfiguration : IEntityTypeConfiguration<ForecastSnapshot>
{
    public void Configure(EntityTypeBuilder<ForecastSnapshot> b) => b.HasIndex(x => new { x.TenantId, x.WeekStart }).IsUnique();
}

internal sealed class ForecastAccuracyReportConfiguration : IEntityTypeConfiguration<ForecastAccuracyReport>
{
    public void Configure(EntityTypeBuilder<ForecastAccuracyReport> b)
    {
        b.HasIndex(x => x.TenantId).IsUnique();
        b.Property(x => x.Report).HasColumnType("jsonb");
    }
}

internal sealed class LedgerDailyFactConfiguration : IEntityTypeConfiguration<LedgerDailyFact>
{
    public void Configure(EntityTypeBuilder<LedgerDailyFact> b)
    {
        b.ToTable("ledger_daily_facts");
        b.HasKey(x => new { x.TenantId, x.Currency, x.Day, x.DueDay });
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
    }
}

internal sealed class LedgerVersionConfiguration : IEntityTypeConfiguration<LedgerVersion>
{
    public void Configure(EntityTypeBuilder<LedgerVersion> b)
    {
        b.ToTable("ledger_versions");
        b.HasKey(x => x.TenantId);
    }
}

internal sealed class CustomerDailyFactConfiguration : IEntityTypeConfiguration<CustomerDailyFact>
{
    public void Configure(EntityTypeBuilder<CustomerDailyFact> b)
    {
        // Day second: the DSO attribution reads one tenant's days between two period ends.
        b.ToTable("customer_daily_facts");
        b.HasKey(x => new { x.TenantId, x.Day, x.CustomerId, x.Currency });
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
    }
}
