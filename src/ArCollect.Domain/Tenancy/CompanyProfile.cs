namespace ArCollect.Domain.Tenancy;

/// <summary>
/// The tenant as seller: legal name, address and VAT id printed on invoices, and the bank account customers pay into,
/// printed on invoices and reminders with each invoice's RF reference.
/// </summary>
public class CompanyProfile : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string? LegalName { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code, e.g. DE.</summary>
    public string? Country { get; set; }

    public string? VatId { get; set; }
    public string? AccountHolder { get; set; }

    /// <summary>Stored without spaces, upper case; checked with MOD 97 when saved.</summary>
    public string? Iban { get; set; }

    public string? Bic { get; set; }
    public string? BankName { get; set; }

    /// <summary>Whether reminders carry the PDF of every invoice they list.</summary>
    public bool AttachInvoicePdfs { get; set; }

    public bool HasBankAccount => !string.IsNullOrWhiteSpace(Iban);
}
