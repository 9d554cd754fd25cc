using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

public class InvoiceLine : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid InvoiceId { get; set; }
    public int LineNumber { get; set; }
    public required string Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }

    /// <summary>Tax rate in percent, e.g. 19 for 19 %.</summary>
    public decimal TaxRate { get; set; }

    public decimal NetAmount { get; set; }
    public decimal TaxAmount { get; set; }

    /// <summary>For a late-fee line, the period (yyyy-MM) it charges; unique per invoice so a fee is never charged twice.</summary>
    public string? LateFeePeriod { get; set; }

    /// <summary>For a late-fee line, the day it was charged (the day the daily facts book it as a sale).</summary>
    public DateOnly? ChargedOn { get; set; }
}
