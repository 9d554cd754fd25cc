using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Pdf;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ArCollect.IntegrationTests.Pdf;

public sealed class InvoicePdfsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    [Fact]
    public async Task The_pdf_carries_number_total_due_date_terms_company_and_payment_details()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Nordlicht Handel GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Müller Bau AG");
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s =>
        {
            s.CompanyDetails = "Hafenstraße 5, 20457 Hamburg\nUSt-IdNr. DE123456789";
            s.PaymentInstructions = "IBAN DE02 1203 0000 0000 2020 51";
        });
        // 1 x 100.00 at 19 % = 100.00 net + 19.00 tax = 119.00; 2/10 Net 30 takes 2.38 off when paid by 2026-06-11.
        var invoice = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 100m, new DateOnly(2026, 6, 1), terms: "2/10 Net 30", taxRate: 19m);
        await using var scope = db.ForTenant(tenant);

        var file = await scope.Services.GetRequiredService<InvoicePdfs>().RenderAsync(invoice.Id, CancellationToken.None);

        Assert.NotNull(file);
        Assert.Equal("INV-2026-00001.pdf", file.FileName);
        var text = Assert.Single(PageTexts(file.Content));
        Assert.Contains("Invoice INV-2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("Total EUR 119.00", text, StringComparison.Ordinal);
        Assert.Contains("Due date: 2026-07-01", text, StringComparison.Ordinal);
        Assert.Contains("Terms: 2/10 Net 30", text, StringComparison.Ordinal);
        Assert.Contains("Nordlicht Handel GmbH", text, StringComparison.Ordinal);
        Assert.Contains("Hafenstrasse 5, 20457 Hamburg", text, StringComparison.Ordinal);
        Assert.Contains("Muller Bau AG", text, StringComparison.Ordinal);
        Assert.Contains("IBAN DE02 1203 0000 0000 2020 51", text, StringComparison.Ordinal);
        Assert.Contains("Pay EUR 116.62 by 2026-06-11", text, StringComparison.Ordinal);
        Assert.Contains(InvoicePdfs.PortalLinkPending, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_invoice_flows_onto_further_pages_with_the_total_at_the_end()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Long Lines Ltd");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bulk Buyer");
        Guid id;
        await using (var scope = db.ForTenant(tenant))
        {
            var input = new InvoiceInput
            {
                CustomerId = customer.Id,
                IssueDate = new DateOnly(2026, 6, 1),
                Currency = "EUR",
                Terms = "Net 30",
                Lines = Enumerable.Range(1, 80).Select(n => new InvoiceLineInput { Description = $"Pallet {n}", Quantity = 1, UnitPrice = 12.5m }).ToList(),
            };
            var (draft, _) = await scope.Services.GetRequiredService<InvoiceDrafts>().CreateAsync(input, dueFromTerms: true, CancellationToken.None);
            id = (await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft!.Id, CancellationToken.None)).Invoice!.Id;
        }

        await using var read = db.ForTenant(tenant);
        var pages = PageTexts((await read.Services.GetRequiredService<InvoicePdfs>().RenderAsync(id, CancellationToken.None))!.Content);

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.Contains("Pallet 80", pages[^1], StringComparison.Ordinal);
        Assert.Contains("Total EUR 1,000.00", pages[^1], StringComparison.Ordinal); // 80 x 12.50
        Assert.All(Enumerable.Range(1, 80), n => Assert.Contains(pages, p => p.Contains($"Pallet {n} ", StringComparison.Ordinal)));
    }
}
