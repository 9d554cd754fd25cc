using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;

namespace ArCollect.Infrastructure.Pdf;

/// <summary>The tenant's logo as stored: PNG or JPEG bytes with the pixel size read at upload.</summary>
public sealed record InvoicePdfLogo(byte[] Content, string ContentType, int Width, int Height);

/// <summary>Seller or buyer as an invoice names them: legal name, postal address, country code and VAT id.</summary>
public sealed record PdfParty(string Name, string? Street = null, string? PostalCode = null, string? City = null, string? Country = null, string? VatId = null)
{
    public VatParty Vat => new(Country, VatId);

    /// <summary>The address lines to print: street (may hold a line break), "postal code city", country name.</summary>
    public IEnumerable<string> AddressLines()
    {
        foreach (var line in (Street ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return line;
        }

        var town = $"{PostalCode} {City}".Trim();
        if (town.Length > 0)
        {
            yield return town;
        }

        if (CountryName(Country) is { } country)
        {
            yield return country;
        }
    }

    private static string? CountryName(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            return new System.Globalization.RegionInfo(code.Trim()).EnglishName;
        }
        catch (ArgumentException)
        {
            return code.Trim().ToUpperInvariant();
        }
    }
}

/// <summary>The account customers pay into; the IBAN is stored compact and printed in groups of four.</summary>
public sealed record PdfBankAccount(string? Holder, string Iban, string? Bic, string? BankName)
{
    public string IbanText => Domain.Common.Iban.Format(Iban);
}

/// <summary>Everything printed on an invoice PDF, in <see cref="Language"/> (one of <see cref="InvoicePdfLabels.All"/>).</summary>
public sealed record InvoicePdfModel(Invoice Invoice, string TenantName, PdfParty Seller, PdfParty Buyer, string Language)
{
    /// <summary>Free lines under the seller's address (phone, register number), from the invoicing settings.</summary>
    public string? CompanyDetails { get; init; }
    public string? CustomerEmail { get; init; }
    public PdfBankAccount? Bank { get; init; }

    /// <summary>Free payment wording from the invoicing settings, printed under the bank details.</summary>
    public string? PaymentInstructions { get; init; }

    /// <summary>Where the customer can see the invoice online; no line is printed without one.</summary>
    public string? PortalLink { get; init; }
    public InvoicePdfLogo? Logo { get; init; }

    /// <summary>The structured reference (ISO 11649) to quote, or the invoice number where none can be derived.</summary>
    public string PaymentReference => CreditorReference.FromInvoiceNumber(Invoice.Number) is { } rf ? CreditorReference.Format(rf) : Invoice.Number;

    public bool IsReverseCharge => ReverseCharge.Applies(Seller.Vat, Buyer.Vat, Invoice.TaxTotal);
}
