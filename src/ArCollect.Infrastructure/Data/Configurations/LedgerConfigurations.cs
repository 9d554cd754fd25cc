using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArCollect.Infrastructure.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.BaseCurrency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.DefaultLanguage).HasMaxLength(10).HasDefaultValue(ArCollect.Domain.Common.Languages.English);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ExternalId).HasMaxLength(100);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Segment).HasMaxLength(60);
        b.Property(x => x.Region).HasMaxLength(60);
        b.Property(x => x.Country).HasMaxLength(2);
        b.Property(x => x.Street).HasMaxLength(200);
        b.Property(x => x.PostalCode).HasMaxLength(20);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.VatId).HasMaxLength(30);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.Language).HasMaxLength(10);
        b.HasIndex(x => new { x.TenantId, x.Name });
        b.HasIndex(x => new { x.TenantId, x.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        b.HasIndex(x => new { x.TenantId, x.CollectorId });
        b.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Mobile).HasMaxLength(16);
        b.Property(x => x.SmsConsentSource).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.CustomerId });
        b.HasIndex(x => new { x.TenantId, x.Mobile });
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.Property(x => x.Number).HasMaxLength(50);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.PurchaseOrder).HasMaxLength(100);
        b.Property(x => x.Notes).HasMaxLength(2000);
        // Only issued invoices are receivables: drafts and void invoices have no balance, so every "balance > 0"
        // query (open items, aging, payment allocation) leaves them out without knowing about states.
        b.Property(x => x.Balance).HasComputedColumnSql(
            "CASE WHEN state = 'Issued' THEN total - amount_paid - amount_credited - amount_written_off ELSE 0 END", stored: true);
        // The default only fills rows that existed before states did; the sentinel makes EF always send the CLR value.
        b.Property(x => x.State).HasDefaultValue(InvoiceState.Issued).HasSentinel((InvoiceState)(-1));
        b.Property(x => x.Terms).HasMaxLength(40);
        // The cross-table invariants (paid = allocations, credited = credit notes, written off = write-offs) are
        // deferred constraint triggers installed by the LedgerInvariants migration.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_invoices_amounts_not_negative", "amount_paid >= 0 AND amount_credited >= 0 AND amount_written_off >= 0");
            t.HasCheckConstraint("ck_invoices_balance_within_total", "balance >= 0 AND (state <> 'Issued' OR balance <= total)");
        });
        b.HasIndex(x => new { x.TenantId, x.UpdatedAt });
        b.Ignore(x => x.OpenAmount);
        b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.DueDate });
        // Covering: today's aging and the workflow-state report read open items from the index alone
        // (index-only scan) instead of visiting one heap page per open invoice.
        b.HasIndex(x => new { x.TenantId, x.DueDate }).HasFilter("balance > 0").HasDatabaseName("ix_invoices_open_by_due_date")
            .IncludeProperties(x => new { x.Id, x.CustomerId, x.Currency, x.Balance, x.IssueDate });
        b.HasIndex(x => new { x.TenantId, x.IssueDate });
        // Open invoices by customer, covering: the worklist ranks accounts from it without a heap visit (is_disputed
        // included), a collection task checks its customer still owes something with one probe, and the customer list
        // sums one page of customers' open items (docs/benchmarks.md, "Everyday pages").
        b.HasIndex(x => new { x.TenantId, x.CustomerId }, "ix_invoices_open_by_customer").HasFilter("balance > 0")
            .HasDatabaseName("ix_invoices_open_by_customer")
            .IncludeProperties(x => new { x.DueDate, x.Currency, x.Balance, x.IsDisputed });
        // The aging page's disputed share reads the few open invoices under dispute from this index alone instead of
        // filtering every open invoice (1.8 s at one million invoices before, see docs/benchmarks.md).
        b.HasIndex(x => new { x.TenantId, x.DueDate }, "ix_invoices_open_disputed").HasFilter("balance > 0 AND disputed_amount > 0")
            .HasDatabaseName("ix_invoices_open_disputed")
            .IncludeProperties(x => new { x.Id, x.Currency, x.DisputedAmount });
        b.HasIndex(x => new { x.TenantId, x.IncentiveRuleId }).HasFilter("incentive_rule_id IS NOT NULL");
        // Invoices resolved in a period (KPI page); imports of open invoices never touch it.
        b.HasIndex(x => new { x.TenantId, x.SettledOn }).HasFilter("settled_on IS NOT NULL").HasDatabaseName("ix_invoices_settled_on");
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.RebillOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TenantId, x.RebillOfId }).HasFilter("rebill_of_id IS NOT NULL");
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.Quantity).HasPrecision(18, 4);
        b.Property(x => x.UnitPrice).HasPrecision(18, 4);
        b.Property(x => x.TaxRate).HasPrecision(7, 4);
        b.Property(x => x.LateFeePeriod).HasMaxLength(7);
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasIndex(x => new { x.InvoiceId, x.LateFeePeriod }).IsUnique().HasFilter("late_fee_period IS NOT NULL");
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.ToTable(t => t.HasCheckConstraint("ck_payments_unapplied_within_amount", "amount > 0 AND unapplied_amount >= 0 AND unapplied_amount <= amount"));
        b.HasIndex(x => new { x.TenantId, x.CustomerId, x.ReceivedOn });
        b.HasIndex(x => new { x.TenantId, x.Reference }).IsUnique().HasFilter("reference IS NOT NULL");
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // A payment with allocations cannot be deleted: its allocations go first, explicitly, so the daily facts and
        // the invoices' paid amounts are reversed with them.
        b.HasMany(x => x.Allocations).WithOne().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.BankTransactionId).HasMaxLength(100);
        b.HasIndex(x => new { x.TenantId, x.BankTransactionId }).IsUnique().HasFilter("bank_transaction_id IS NOT NULL");
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> b)
    {
        b.ToTable(t => t.HasCheckConstraint("ck_payment_allocations_amount_positive", "amount > 0"));
        b.HasIndex(x => new { x.TenantId, x.PaymentId });
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> b)
    {
        b.Property(x => x.Number).HasMaxLength(50);
        b.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.ToTable(t => t.HasCheckConstraint("ck_credit_notes_amount_positive", "amount > 0"));
        b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.InvoiceId });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
