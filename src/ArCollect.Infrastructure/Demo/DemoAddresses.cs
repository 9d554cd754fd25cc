using System.Globalization;
using ArCollect.Domain.Customers;
using ArCollect.Domain.Tenancy;

namespace ArCollect.Infrastructure.Demo;

/// <summary>
/// Billing addresses and VAT ids for demo customers, drawn from their own random stream (seeded by the customer's
/// index) so the rest of the demo ledger stays exactly as before; and the demo tenant as seller with its bank account.
/// </summary>
internal static class DemoAddresses
{
    private static readonly Dictionary<string, (string Street, string[] Cities, int PostalDigits)> Places = new(StringComparer.Ordinal)
    {
        ["DE"] = ("Hauptstraße", ["Berlin", "München", "Köln", "Frankfurt am Main", "Stuttgart"], 5),
        ["AT"] = ("Mariahilfer Straße", ["Wien", "Graz", "Linz"], 4),
        ["CH"] = ("Bahnhofstrasse", ["Zürich", "Basel", "Bern"], 4),
        ["FR"] = ("rue de la République", ["Paris", "Lyon", "Lille"], 5),
        ["BE"] = ("Rue Neuve", ["Bruxelles", "Liège", "Namur"], 4),
        ["LU"] = ("Grand-Rue", ["Luxembourg", "Esch-sur-Alzette"], 4),
        ["ES"] = ("Calle Mayor", ["Madrid", "Barcelona", "Valencia"], 5),
        ["IT"] = ("Via Roma", ["Milano", "Torino", "Bologna"], 5),
        ["NL"] = ("Kerkstraat", ["Amsterdam", "Rotterdam", "Utrecht"], 4),
        ["PT"] = ("Rua Augusta", ["Lisboa", "Porto"], 4),
        ["DK"] = ("Østergade", ["København", "Aarhus"], 4),
        ["SE"] = ("Drottninggatan", ["Stockholm", "Göteborg"], 5),
        ["FI"] = ("Mannerheimintie", ["Helsinki", "Espoo"], 5),
        ["NO"] = ("Karl Johans gate", ["Oslo", "Bergen"], 4),
        ["IE"] = ("Grafton Street", ["Dublin", "Cork"], 0),
        ["GB"] = ("High Street", ["London", "Manchester", "Leeds"], 0),
        ["US"] = ("Main Street", ["Chicago", "Boston", "Austin"], 5),
        ["CA"] = ("King Street", ["Toronto", "Ottawa"], 0),
    };

    /// <summary>Gives the customer a street address, postal code, city and, for businesses in the EU and a few others, a VAT id.</summary>
    public static void Apply(Customer customer, int index)
    {
        var random = new DemoRandom(unchecked((index * 7919) + 104_729));
        var code = customer.Country ?? "DE";
        var (street, cities, digits) = Places.GetValueOrDefault(code, ("Market Street", ["Springfield"], 5));
        customer.Street = code is "FR" or "BE" or "LU" or "ES" or "IT" or "PT" or "US" or "GB" or "IE" or "CA"
            ? $"{random.Between(1, 180)} {street}"
            : $"{street} {random.Between(1, 180)}";
        customer.PostalCode = digits == 0 ? null : random.Between((int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits) - 1).ToString(CultureInfo.InvariantCulture);
        customer.City = random.Pick(cities);
        customer.VatId = code switch
        {
            "US" or "CA" or "NO" or "CH" => null,
            "AT" => $"ATU{random.Between(10_000_000, 99_999_999)}",
            "GB" => $"GB{random.Between(100_000_000, 999_999_999)}",
            "FR" => $"FR{random.Between(10, 99)}{random.Between(100_000_000, 999_999_999)}",
            _ => $"{code}{random.Between(100_000_000, 999_999_999)}",
        };
        foreach (var contact in customer.Contacts.Where(c => c.Name.Contains(' ', StringComparison.Ordinal) && c.Name != "Accounts Payable"))
        {
            var space = contact.Name.IndexOf(' ', StringComparison.Ordinal);
            contact.FirstName = contact.Name[..space];
            contact.LastName = contact.Name[(space + 1)..];
        }
    }

    /// <summary>The demo tenant as seller: Hamburg address, German VAT id, a bank account whose IBAN passes the check.</summary>
    public static CompanyProfile Seller(Guid tenantId, string name) => new()
    {
        TenantId = tenantId,
        LegalName = name,
        Street = "Speicherstraße 12",
        PostalCode = "20457",
        City = "Hamburg",
        Country = "DE",
        VatId = "DE298765432",
        AccountHolder = name,
        Iban = "DE89370400440532013000",
        Bic = "COBADEFFXXX",
        BankName = "Commerzbank Hamburg",
        AttachInvoicePdfs = false,
    };
}
