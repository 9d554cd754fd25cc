using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

/// <summary>An invoice to a customer. Amounts settled are kept on the header so balances and status need no joins.</summary>
public class Invoice : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public required string Number { get; set; }

    /// <summary>Draft until issued; existing and imported invoices are issued unless said otherwise.</summary>
    public InvoiceState State { get; set; } = InvoiceState.Issued;

    /// <summary>Payment terms as written on the invoice, e.g. "Net 30", "EOM+15" or "2/10 Net 30" (see <see cref="PaymentTerms"/>).</summary>
    public string? Terms { get; set; }

    /// <summary>When the invoice was issued; null for drafts and for invoices created before issuing existed.</summary>
    public DateTimeOffset? IssuedAt { get; set; }
    public DateOnly IssueDate { get; set; }

    /// <summary>When the goods or services were supplied, if not on the issue date (printed on the invoice).</summary>
    public DateOnly? SupplyDate { get; set; }
    public DateOnly DueDate { get; set; }
    public required string Currency { get; set; }
    public decimal Subtotal { get; set; }
    public decimal TaxTotal { get; set; }
    public decimal Total { get; set; }
    public decimal AmountPaid { get; set; }
    public decimal AmountCredited { get; set; }
    public decimal AmountWrittenOff { get; set; }

    /// <summary>The late fees inside <see cref="Total"/> (the sum of the late-fee lines), kept so the daily facts date them when charged.</summary>
    public decimal LateFees { get; set; }

    /// <summary>Total less paid, credited and written off for issued invoices, zero for drafts and void ones; a stored column computed by the database.</summary>
    public decimal Balance { get; private set; }

    public bool IsDisputed { get; set; }

    /// <summary>The part of the balance under live disputes; only the rest is chased and charged late fees (kept by the dispute workflow).</summary>
    public decimal DisputedAmount { get; set; }

    /// <summary>The day the balance reached zero, if it has.</summary>
    public DateOnly? SettledOn { get; set; }

    public string? PurchaseOrder { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The CSV import that created the invoice, if one did; its single audit entry (entity id = this id) says who, when and how many.</summary>
    public Guid? ImportId { get; set; }

    /// <summary>For a draft made by cancel and rebill, the invoice it replaces (credited in full when this was made).</summary>
    public Guid? RebillOfId { get; set; }

    /// <summary>The prompt-payer rule that gave this invoice its early-payment discount when it was issued, if one did.</summary>
    public Guid? IncentiveRuleId { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];

    public decimal OpenAmount => Total - AmountPaid - AmountCredited - AmountWrittenOff;

    public InvoiceStatus StatusOn(DateOnly today) => InvoiceStatusRules.Derive(this, today);
}
