using ArCollect.Domain.Tenancy;

namespace ArCollect.Domain.Invoices;

public enum LateFeeKind
{
    None,
    Percent,
    Flat,
}

/// <summary>A tenant's invoicing settings: numbering, default terms, late fees and what the PDF prints.</summary>
public class InvoicingSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string NumberPattern { get; set; } = InvoiceNumberPattern.Default;
    public string CreditNotePattern { get; set; } = InvoiceNumberPattern.DefaultCreditNote;
    public LateFeeKind LateFeeKind { get; set; } = LateFeeKind.None;

    /// <summary>Percent of the open principal per period, or a flat amount per period, depending on the kind.</summary>
    public decimal LateFeeValue { get; set; }

    public int LateFeeGraceDays { get; set; }

    /// <summary>Most late fees one invoice can collect in total; null for no cap.</summary>
    public decimal? LateFeeCap { get; set; }

    /// <summary>
    /// How far below the discounted amount an early payment may fall (bank fees) and still settle the invoice, in the
    /// invoice's currency; what is short is granted with the discount.
    /// </summary>
    public decimal EarlyPaymentTolerance { get; set; }

    public string? CompanyDetails { get; set; }
    public string? PaymentInstructions { get; set; }

    public LateFeePolicy LateFees => new(LateFeeKind, LateFeeValue, LateFeeGraceDays, LateFeeCap);

    /// <summary>
    /// The late-fee policy for invoices in one currency. A flat amount and a cap are money, so they come from the
    /// currency's own row (<see cref="CurrencySettings"/>) when it sets them; the values above are in the base currency
    /// and apply to it alone. An invoice in another currency without its own flat amount gets no flat fee, and a
    /// percent fee in a currency without its own cap has no cap.
    /// </summary>
    public LateFeePolicy LateFeesFor(string currency, string baseCurrency, CurrencySettings? own)
    {
        var isBase = string.Equals(currency, baseCurrency, StringComparison.Ordinal);
        var value = LateFeeKind == LateFeeKind.Flat ? own?.LateFeeFlat ?? (isBase ? LateFeeValue : 0m) : LateFeeValue;
        var cap = own?.LateFeeCap ?? (isBase ? LateFeeCap : null);
        return new LateFeePolicy(LateFeeKind, value, LateFeeGraceDays, cap, currency);
    }
}
