using ArCollect.Domain.Common;

namespace ArCollect.Domain.Invoices;

/// <summary>One side of an invoice for VAT purposes: where the party is established and its VAT id, if any.</summary>
public sealed record VatParty(string? Country, string? VatId);

/// <summary>
/// When an invoice must say that the buyer accounts for the VAT (Art. 196 of Directive 2006/112/EC): a supply
/// between businesses in two different EU member states, both identified for VAT, with no VAT charged.
/// </summary>
public static class ReverseCharge
{
    public static bool Applies(VatParty seller, VatParty buyer, decimal taxTotal) =>
        taxTotal == 0m
        && !string.IsNullOrWhiteSpace(seller.VatId) && !string.IsNullOrWhiteSpace(buyer.VatId)
        && EuCountries.IsMember(seller.Country) && EuCountries.IsMember(buyer.Country)
        && !string.Equals(seller.Country!.Trim(), buyer.Country!.Trim(), StringComparison.OrdinalIgnoreCase);
}
