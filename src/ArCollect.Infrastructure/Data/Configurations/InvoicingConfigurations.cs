using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Prefix).HasMaxLength(20);
        b.Property(x => x.KeyHash).HasMaxLength(32);
        b.Ignore(x => x.IsActive);
        b.HasIndex(x => new { x.TenantId, x.KeyHash }).IsUnique();
    }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> b)
    {
        b.HasKey(x => new { x.TenantId, x.Scope });
        b.Property(x => x.Scope).HasMaxLength(60);
    }
}

internal sealed class InvoicingSettingsConfiguration : IEntityTypeConfiguration<InvoicingSettings>
{
    public void Configure(EntityTypeBuilder<InvoicingSettings> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.NumberPattern).HasMaxLength(60);
        b.Property(x => x.CreditNotePattern).HasMaxLength(60);
        b.Property(x => x.CompanyDetails).HasMaxLength(1000);
        b.Property(x => x.PaymentInstructions).HasMaxLength(1000);
        b.Ignore(x => x.LateFees);
    }
}

internal sealed class CompanyProfileConfiguration : IEntityTypeConfiguration<CompanyProfile>
{
    public void Configure(EntityTypeBuilder<CompanyProfile> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.LegalName).HasMaxLength(200);
        b.Property(x => x.Street).HasMaxLength(200);
        b.Property(x => x.PostalCode).HasMaxLength(20);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.VatId).HasMaxLength(30);
        b.Property(x => x.AccountHolder).HasMaxLength(200);
        b.Property(x => x.Iban).HasMaxLength(34);
        b.Property(x => x.Bic).HasMaxLength(11);
        b.Property(x => x.BankName).HasMaxLength(100);
        b.Ignore(x => x.HasBankAccount);
    }
}

internal sealed class TenantLogoConfiguration : IEntityTypeConfiguration<TenantLogo>
{
    public void Configure(EntityTypeBuilder<TenantLogo> b)
    {
        b.HasKey(x => x.TenantId);
        b.Property(x => x.ContentType).HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(200);
    }
}

internal sealed class WriteOffConfiguration : IEntityTypeConfiguration<WriteOff>
{
    public void Configure(EntityTypeBuilder<WriteOff> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.ToTable(t => t.HasCheckConstraint("ck_write_offs_amount_positive", "amount > 0"));
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasIndex(x => new { x.TenantId, x.WrittenOffOn });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CurrencySettingsConfiguration : IEntityTypeConfiguration<CurrencySettings>
{
    public void Configure(EntityTypeBuilder<CurrencySettings> b)
    {
        b.HasKey(x => new { x.TenantId, x.Currency });
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.ToTable(t => t.HasCheckConstraint("ck_currency_settings_amounts_positive",
            "(write_off_limit IS NULL OR write_off_limit >= 0) AND (late_fee_flat IS NULL OR late_fee_flat > 0) AND (late_fee_cap IS NULL OR late_fee_cap > 0)"));
    }
}

internal sealed class WriteOffRequestConfiguration : IEntityTypeConfiguration<WriteOffRequest>
{
    public void Configure(EntityTypeBuilder<WriteOffRequest> b)
    {
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.DecisionReason).HasMaxLength(500);
        b.ToTable(t => t.HasCheckConstraint("ck_write_off_requests_amount_positive", "amount > 0"));
        b.HasIndex(x => new { x.TenantId, x.Status, x.RequestedAt });
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WriteOff>().WithMany().HasForeignKey(x => x.WriteOffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<ArCollect.Infrastructure.Common.IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<ArCollect.Infrastructure.Common.IdempotencyKey> b)
    {
        b.ToTable("idempotency_keys");
        b.HasKey(x => new { x.TenantId, x.Key });
        b.Property(x => x.Key).HasMaxLength(255);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.Location).HasMaxLength(300);
        b.HasIndex(x => new { x.TenantId, x.CreatedAt });
    }
}
