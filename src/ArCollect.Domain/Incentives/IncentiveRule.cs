using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Incentives;

/// <summary>
/// A tenant's prompt-payer rule: customers who paid at least <see cref="MinOnTimePercent"/> % of their invoices on time
/// over the last <see cref="LookbackMonths"/> months (and at least <see cref="MinPaidInvoices"/> of them) get an
/// early-payment discount, e.g. 2/10, on the invoices issued to them from then on.
/// </summary>
public class IncentiveRule : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public decimal MinOnTimePercent { get; set; }
    public int LookbackMonths { get; set; }
    public int MinPaidInvoices { get; set; }

    /// <summary>The discount, in percent of the invoice total, for paying within <see cref="DiscountDays"/> of the issue date.</summary>
    public decimal DiscountPercent { get; set; }
    public int DiscountDays { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The rule in words, as the settings page, the portal and the timeline print it.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{MinOnTimePercent:0.##} % paid on time over {LookbackMonths} months ({MinPaidInvoices}+ invoices): {DiscountPercent:0.##}/{DiscountDays}");
}
