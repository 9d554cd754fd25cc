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

    private async Task<Guid> IssueAsync(Guid tenant, Guid customer, IEnumerable<InvoiceLineInput> lines)
    {
        await using var scope = db.ForTenant(tenant);
        var input = new InvoiceInput { CustomerId = customer, IssueDate = new DateOnly(2026, 6, 1), Currency = "EUR", Terms = "Net 30", Lines = lines.ToList() };
        var (draft, error) = await scope.Services.GetRequiredService<InvoiceDrafts>().CreateAsync(input, dueFromTerms: true, CancellationToken.None);
        Assert.True(draft is not null, error);
        var issued = await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(draft!.Id, CancellationToken.None);
        Assert.True(issued.Succeeded, string.Join("; ", issued.Report.Errors.Select(e => e.Message)));
        return issued.Invoice!.Id;
    }

    private async Task<byte[]> RenderAsync(Guid tenant, Guid invoice)
    {
        await using var scope = db.ForTenant(tenant);
        var file = await scope.Services.GetRequiredService<InvoicePdfs>().RenderAsync(invoice, CancellationToken.None);
        Assert.NotNull(file);
        return file.Content;
    }

    [Fact]
    public async Task The_pdf_carries_number_total_due_date_terms_company_and_payment_details_and_no_portal_line()
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
        Assert.Contains("Due date: 1 Jul 2026", text, StringComparison.Ordinal);
        Assert.Contains("Terms: 2/10 Net 30", text, StringComparison.Ordinal);
        Assert.Contains("Nordlicht Handel GmbH", text, StringComparison.Ordinal);
        Assert.Contains("Hafenstraße 5, 20457 Hamburg", text, StringComparison.Ordinal);
        Assert.Contains("Müller Bau AG", text, StringComparison.Ordinal);
        Assert.Contains("IBAN DE02 1203 0000 0000 2020 51", text, StringComparison.Ordinal);
        Assert.Contains("Pay EUR 116.62 by 11 Jun 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("portal", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Page 1 of 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accented_greek_and_euro_text_comes_back_exactly_in_the_embedded_font()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Ελληνικά Εργαλεία ΑΕ");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Müller & Søn Łódź");
        await InvoicingBuilder.SetSettingsAsync(db, tenant, s => s.PaymentInstructions = "Überweisung an: Bank Śląski, IBAN PL61 1090 1014 0000 0712 1981 2874");
        var invoice = await IssueAsync(tenant, customer.Id, [new InvoiceLineInput { Description = "Gebühr für Straßenreinigung – 5 € je m²", Quantity = 2, UnitPrice = 40m, TaxRate = 20m }]);

        var pdf = await RenderAsync(tenant, invoice);

        var text = Assert.Single(PageTexts(pdf));
        Assert.Contains("Ελληνικά Εργαλεία ΑΕ", text, StringComparison.Ordinal);
        Assert.Contains("Müller & Søn Łódź", text, StringComparison.Ordinal);
        Assert.Contains("Gebühr für Straßenreinigung – 5 € je m²", text, StringComparison.Ordinal);
        Assert.Contains("Überweisung an: Bank Śląski", text, StringComparison.Ordinal);
        Assert.Contains("Invoice INV-2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("Total EUR 96.00", text, StringComparison.Ordinal); // 2 x 40.00 = 80.00 + 20 % = 96.00
        using var document = PdfDocument.Open(pdf);
        Assert.All(document.GetPage(1).Letters, l => Assert.Contains("DejaVuSans", l.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Characters_the_font_lacks_print_as_question_marks_instead_of_failing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Fallback Ltd");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "北京 Trading 😀");
        var invoice = await IssueAsync(tenant, customer.Id, [new InvoiceLineInput { Description = "Tea", Quantity = 1, UnitPrice = 5m }]);

        var text = Assert.Single(PageTexts(await RenderAsync(tenant, invoice)));

        Assert.Contains("?? Trading ?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amounts_end_exactly_at_the_right_margin_as_measured_with_the_embedded_font()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Aligned GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Ärzte Öko");
        var invoice = await IssueAsync(tenant, customer.Id, [new InvoiceLineInput { Description = "Wide", Quantity = 1, UnitPrice = 1234567.89m }]);

        using var document = PdfDocument.Open(await RenderAsync(tenant, invoice));

        // The renderer places right-aligned text so that it ends at x = 545 (A4 width 595 minus a 50 pt margin).
        var amounts = document.GetPage(1).GetWords().Where(w => w.Text == "1,234,567.89").ToList();
        Assert.True(amounts.Count >= 3, $"expected the amount in the line, subtotal and total, found {amounts.Count}");
        Assert.Contains(amounts, w => Math.Abs(w.BoundingBox.Right - 545) < 0.5);
    }

    [Fact]
    public async Task A_long_description_wraps_inside_its_column_and_keeps_every_word()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Wrapping Works");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Verbose Buyer");
        const string description = "Wartung der Klimaanlage im Erdgeschoss und im ersten Obergeschoss einschließlich Filterwechsel, Dichtheitsprüfung und Protokoll";
        var invoice = await IssueAsync(tenant, customer.Id, [new InvoiceLineInput { Description = description, Quantity = 1, UnitPrice = 480m }]);

        using var document = PdfDocument.Open(await RenderAsync(tenant, invoice));

        var page = document.GetPage(1);
        var expected = description.Split(' ');
        var row = page.GetWords().SkipWhile(w => w.Text != "Wartung").ToList();
        var words = row.Where(w => w.BoundingBox.Left < 300).Take(expected.Length).ToList();
        Assert.Equal(expected, words.Select(w => w.Text));
        Assert.All(words, w => Assert.True(w.BoundingBox.Right < 290, $"'{w.Text}' reaches x={w.BoundingBox.Right}, into the Qty column"));
        Assert.True(words.Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct().Count() >= 3, "a description this long spans at least three lines");
    }

    [Fact]
    public async Task A_sixty_line_invoice_runs_to_two_numbered_pages_with_the_header_repeated_and_every_line_once()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Long Lines Ltd");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bulk Buyer");
        var invoice = await IssueAsync(tenant, customer.Id, Enumerable.Range(1, 60).Select(n => new InvoiceLineInput { Description = $"Pallet {n}", Quantity = 1, UnitPrice = 12.5m }));

        var pages = PageTexts(await RenderAsync(tenant, invoice));

        // One A4 page holds about 35 table rows of 14 pt below the header, so 60 lines need a second page but not a third.
        Assert.Equal(2, pages.Count);
        Assert.Contains("Page 1 of 2", pages[0], StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", pages[1], StringComparison.Ordinal);
        Assert.Contains("Long Lines Ltd · Invoice INV-2026-00001 (continued)", pages[1], StringComparison.Ordinal);
        Assert.Contains("Description Qty Unit price Tax % Net", pages[1], StringComparison.Ordinal);
        Assert.Contains("Total EUR 750.00", pages[1], StringComparison.Ordinal); // 60 x 12.50
        Assert.DoesNotContain("Total EUR", pages[0], StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, 60), n =>
            Assert.Single(pages, p => p.Contains($"Pallet {n} 1 12.50", StringComparison.Ordinal)));
    }
}
