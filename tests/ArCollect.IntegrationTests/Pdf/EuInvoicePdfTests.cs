using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Pdf;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ArCollect.IntegrationTests.Pdf;

/// <summary>An invoice as an EU business must issue it: parties, VAT ids, dates, totals per rate, reverse charge, bank and RF reference, in the customer's language.</summary>
public sealed class EuInvoicePdfTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Nordlicht");
        await using var scope = db.ForTenant(tenant);
        scope.Db.CompanyProfiles.Add(new CompanyProfile
        {
            TenantId = tenant,
            LegalName = "Nordlicht Handel GmbH",
            Street = "Speicherstraße 12",
            PostalCode = "20457",
            City = "Hamburg",
            Country = "DE",
            VatId = "DE298765432",
            AccountHolder = "Nordlicht Handel GmbH",
            Iban = "DE89370400440532013000",
            Bic = "COBADEFFXXX",
            BankName = "Commerzbank Hamburg",
        });
        await scope.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<Guid> CustomerAsync(string name, string language, string street, string postalCode, string city, string country, string? vatId)
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
        await using var scope = db.ForTenant(tenant);
        await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Language, language).SetProperty(c => c.Street, street).SetProperty(c => c.PostalCode, postalCode)
            .SetProperty(c => c.City, city).SetProperty(c => c.Country, country).SetProperty(c => c.VatId, vatId));
        return customer.Id;
    }

    private async Task<string> IssueAndReadAsync(Guid customer, params InvoiceLineInput[] lines)
    {
        await using var scope = db.ForTenant(tenant);
        var input = new InvoiceInput { CustomerId = customer, IssueDate = new DateOnly(2026, 6, 1), Currency = "EUR", Terms = "Net 30", Lines = lines.ToList() };
        var (draft, error) = await scope.Services.GetRequiredService<InvoiceDrafts>().CreateAsync(input, dueFromTerms: true, CancellationToken.None);
        Assert.True(draft is not null, error);
        var issued = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft!.Id, CancellationToken.None);
        Assert.True(issued.Succeeded, string.Join("; ", issued.Report.Errors.Select(e => e.Message)));
        var file = await scope.Services.GetRequiredService<InvoicePdfs>().RenderAsync(issued.Invoice!.Id, CancellationToken.None);
        using var document = PdfDocument.Open(file!.Content);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task A_german_customer_gets_german_labels_both_parties_vat_ids_totals_per_rate_bank_details_and_the_rf_reference()
    {
        var customer = await CustomerAsync("Krüger Logistik GmbH", "de", "Am Hafen 3", "10115", "Berlin", "DE", "DE811907980");

        // 1 x 100.00 at 19 % and 2 x 25.00 at 7 %: net 150.00, tax 19.00 + 3.50, total 172.50.
        var text = await IssueAndReadAsync(customer,
            new InvoiceLineInput { Description = "Lagerung", Quantity = 1, UnitPrice = 100m, TaxRate = 19m },
            new InvoiceLineInput { Description = "Fachbuch", Quantity = 2, UnitPrice = 25m, TaxRate = 7m });

        Assert.Contains("Rechnung INV-2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("Rechnungsdatum: 01.06.2026 Leistungsdatum: 01.06.2026", text, StringComparison.Ordinal);
        Assert.Contains("Fällig am: 01.07.2026", text, StringComparison.Ordinal);
        Assert.Contains("Nordlicht Handel GmbH Speicherstraße 12 20457 Hamburg Germany USt-IdNr.: DE298765432", text, StringComparison.Ordinal);
        Assert.Contains("Rechnungsempfänger Krüger Logistik GmbH Am Hafen 3 10115 Berlin Germany USt-IdNr.: DE811907980", text, StringComparison.Ordinal);
        Assert.Contains("Beschreibung Menge Einzelpreis USt. % Netto", text, StringComparison.Ordinal);
        Assert.Contains("Fachbuch 2 25,00 7 50,00", text, StringComparison.Ordinal);
        Assert.Contains("USt. 7 % auf 50,00", text, StringComparison.Ordinal);
        Assert.Contains("USt. 19 % auf 100,00", text, StringComparison.Ordinal);
        Assert.Contains("Gesamtbetrag 172,50", text, StringComparison.Ordinal);
        Assert.Contains("Kontoinhaber: Nordlicht Handel GmbH IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX Bank: Commerzbank Hamburg", text, StringComparison.Ordinal);
        Assert.Contains("Verwendungszweck: RF76 INV2 0260 0001", text, StringComparison.Ordinal);
        Assert.Contains("Seite 1 von 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reverse Charge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoice", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_business_billed_without_vat_reads_the_reverse_charge_wording_in_french()
    {
        var customer = await CustomerAsync("Atelier Dupont SARL", "fr", "12 rue de la Paix", "75002", "Paris", "FR", "FR40303265045");

        var text = await IssueAndReadAsync(customer, new InvoiceLineInput { Description = "Conseil", Quantity = 1, UnitPrice = 500m, TaxRate = 0m });

        Assert.Contains("Facture INV-2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("N° TVA: FR40303265045", text, StringComparison.Ordinal);
        Assert.Contains("Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE).", text, StringComparison.Ordinal);
        Assert.Contains("Référence de paiement: RF76 INV2 0260 0001", text, StringComparison.Ordinal);
        Assert.Contains("Échéance: 01/07/2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_french_consumer_without_vat_id_gets_no_reverse_charge_wording()
    {
        var customer = await CustomerAsync("Marie Curie", "fr", "1 rue Pierre", "75005", "Paris", "FR", null);

        var text = await IssueAndReadAsync(customer, new InvoiceLineInput { Description = "Conseil", Quantity = 1, UnitPrice = 500m, TaxRate = 0m });

        Assert.DoesNotContain("Autoliquidation", text, StringComparison.Ordinal);
    }
}
