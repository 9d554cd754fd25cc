using ArCollect.Domain.CashApplication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Iban).HasMaxLength(34);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.HasIndex(x => new { x.TenantId, x.Iban }).IsUnique();
    }
}

internal sealed class BankStatementConfiguration : IEntityTypeConfiguration<BankStatement>
{
    public void Configure(EntityTypeBuilder<BankStatement> b)
    {
        b.Property(x => x.StatementReference).HasMaxLength(100);
        b.Property(x => x.Format).HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.BankAccountId, x.ImportedAt });
        b.HasOne<BankAccount>().WithMany().HasForeignKey(x => x.BankAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BankEntryConfiguration : IEntityTypeConfiguration<BankEntry>
{
    public void Configure(EntityTypeBuilder<BankEntry> b)
    {
        b.Property(x => x.EntryKey).HasMaxLength(200);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.PayerName).HasMaxLength(200);
        b.Property(x => x.PayerIban).HasMaxLength(34);
        b.Property(x => x.Remittance).HasMaxLength(1000);
        b.Property(x => x.BankReference).HasMaxLength(100);
        b.Property(x => x.BookingCode).HasMaxLength(100);
        b.Property(x => x.Confidence).HasPrecision(5, 4);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.ToTable(t => t.HasCheckConstraint("ck_bank_entries_amount_positive", "amount > 0"));
        // Re-importing a statement, or one overlapping the last, meets this index instead of creating a line twice.
        b.HasIndex(x => new { x.TenantId, x.BankAccountId, x.EntryKey }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.Status, x.BookingDate });
        b.HasIndex(x => new { x.TenantId, x.PaymentId });
        b.HasOne<BankAccount>().WithMany().HasForeignKey(x => x.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BankStatement>().WithMany().HasForeignKey(x => x.BankStatementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayerAccountConfiguration : IEntityTypeConfiguration<PayerAccount>
{
    public void Configure(EntityTypeBuilder<PayerAccount> b)
    {
        b.Property(x => x.Iban).HasMaxLength(34);
        b.HasIndex(x => new { x.TenantId, x.Iban }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId });
    }
}

internal sealed class CashApplicationSettingsConfiguration : IEntityTypeConfiguration<CashApplicationSettings>
{
    public void Configure(EntityTypeBuilder<CashApplicationSettings> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.AutoApplyThreshold).HasPrecision(5, 4);
        b.Property(x => x.Lead).HasPrecision(5, 4);
        b.ToTable(t => t.HasCheckConstraint("ck_cash_application_settings_ranges",
            "auto_apply_threshold BETWEEN 0 AND 1 AND lead BETWEEN 0 AND 1 AND amount_tolerance >= 0"));
    }
}

internal sealed class CashCurrencyToleranceConfiguration : IEntityTypeConfiguration<CashCurrencyTolerance>
{
    public void Configure(EntityTypeBuilder<CashCurrencyTolerance> b)
    {
        b.ToTable("cash_currency_tolerances", t => t.HasCheckConstraint("ck_cash_currency_tolerances_amount", "amount >= 0"));
        b.HasKey(x => new { x.TenantId, x.Currency });
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Amount).HasPrecision(18, 2);
    }
}

internal sealed class RemittanceAdviceConfiguration : IEntityTypeConfiguration<RemittanceAdvice>
{
    public void Configure(EntityTypeBuilder<RemittanceAdvice> b)
    {
        b.Property(x => x.SentBy).HasMaxLength(320);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.SourceKey).HasMaxLength(100);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.ToTable(t => t.HasCheckConstraint("ck_remittance_advices_total_positive", "total > 0"));
        // The same file or mailbox message read twice meets this index instead of storing a second advice.
        b.HasIndex(x => new { x.TenantId, x.SourceKey }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.Status, x.CustomerId });
        b.HasIndex(x => new { x.TenantId, x.BankEntryId });
        b.HasOne<ArCollect.Domain.Customers.Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BankEntry>().WithMany().HasForeignKey(x => x.BankEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.AdviceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RemittanceAdviceLineConfiguration : IEntityTypeConfiguration<RemittanceAdviceLine>
{
    public void Configure(EntityTypeBuilder<RemittanceAdviceLine> b)
    {
        b.Property(x => x.InvoiceNumber).HasMaxLength(50);
        b.ToTable(t => t.HasCheckConstraint("ck_remittance_advice_lines_amount_positive", "amount > 0"));
        b.HasIndex(x => new { x.TenantId, x.AdviceId, x.Position }).IsUnique();
    }
}
