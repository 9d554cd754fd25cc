using System.Net;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace ArCollect.Web.Tests.Portal;

/// <summary>What a customer can do in the portal, what bad input gets, and that one link never reaches another customer's data.</summary>
public sealed class PortalActionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n% test\n"u8, .. new byte[64]];

    private sealed record World(TenantSeed.Company Company, Guid TenantId, Guid Customer, Guid Invoice, Guid OtherCustomer, Guid OtherInvoice, Guid ForeignInvoice, string Link, DateOnly Today);

    private async Task<World> SeedAsync()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var other = await TenantSeed.CreateCompanyAsync(app, "Other Seller");
        await PortalSeed.AddBankAccountAsync(app, company.TenantId);
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer Main");
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "MAIN-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var neighbour = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Neighbour Buyer");
        var neighbourInvoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, neighbour, "NEIGH-1", 900m, today.AddDays(-40), today.AddDays(-10));
        var foreign = await LedgerSeed.AddCustomerAsync(app, other.TenantId, "Foreign Buyer");
        var foreignInvoice = await LedgerSeed.AddInvoiceAsync(app, other.TenantId, foreign, "FOREIGN-1", 700m, today.AddDays(-40), today.AddDays(-10));
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        return new World(company, company.TenantId, customer, invoice, neighbour, neighbourInvoice, foreignInvoice, link, today);
    }

    [Fact]
    public async Task A_promise_lands_on_the_timeline_shows_in_the_portal_and_pauses_that_invoice()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();
        var date = w.Today.AddDays(10).ToString("yyyy-MM-dd");

        using var response = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", w.Invoice.ToString()), new("Input.Date", date), new("Input.Amount", "400.00")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Thank you: your promise is recorded", home, StringComparison.Ordinal);
        Assert.Contains("EUR 400.00 by", Html.Element(home, "id=\"promises\""), StringComparison.Ordinal);
        var promise = await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Promises.AsNoTracking().SingleAsync());
        Assert.Equal((w.Customer, w.Invoice, 400m, w.Today.AddDays(10)), (promise.CustomerId, promise.InvoiceId!.Value, promise.Amount, promise.PromisedDate));
        var entry = await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Activities.AsNoTracking().SingleAsync(a => a.Type == ActivityType.PromiseToPay));
        Assert.Equal(w.Customer, entry.CustomerId);
        Assert.Contains("Customer promised in the portal: EUR 400.00 for invoice MAIN-1", entry.Summary, StringComparison.Ordinal);
        var stop = Domain.Dunning.ReminderPlanner.StopReason(
            new Domain.Dunning.DunningInvoice(w.Invoice, "MAIN-1", w.Today.AddDays(-10), 400m, "EUR", false, false), [new(promise.Id, promise.InvoiceId, promise.PromisedDate, promise.Amount, promise.Status)], w.Today);
        Assert.StartsWith("Promised to pay by", stop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promises_in_the_past_beyond_the_maximum_or_above_the_open_amount_get_field_errors_and_change_nothing()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();
        var cases = new (string Date, string Amount, string Field, string Message)[]
        {
            (w.Today.AddDays(-1).ToString("yyyy-MM-dd"), "100", "Input.Date", "The date cannot be in the past."),
            (w.Today.AddDays(31).ToString("yyyy-MM-dd"), "100", "Input.Date", "The date can be at most 30 days ahead"),
            (w.Today.AddDays(5).ToString("yyyy-MM-dd"), "400.01", "Input.Amount", "The amount cannot be more than the open 400.00."),
            (w.Today.AddDays(5).ToString("yyyy-MM-dd"), "0", "Input.Amount", "The amount must be more than zero."),
        };

        foreach (var (date, amount, field, message) in cases)
        {
            using var response = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", w.Invoice.ToString()), new("Input.Date", date), new("Input.Amount", amount)]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith(message, Html.FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        }

        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Promises.CountAsync()));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task A_dispute_with_an_attachment_opens_a_dispute_marks_the_invoice_and_lands_on_the_timeline()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();

        using var response = await client.UploadAsync(w.Link + "/dispute",
            [new("Input.Lines[0].InvoiceId", w.Invoice.ToString()), new("Input.Lines[0].Amount", "150.00"), new("Input.Reason", "DamagedGoods"), new("Input.Message", "Two pallets arrived broken.")],
            "Files", "photos.pdf", Pdf);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dispute = await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Disputes.AsNoTracking().SingleAsync());
        Assert.Equal((w.Invoice, DisputeReason.DamagedGoods, DisputeStatus.Open, 150m, "Two pallets arrived broken."), (dispute.InvoiceId, dispute.Reason, dispute.Status, dispute.Amount, dispute.Notes));
        var file = await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.DisputeAttachments.AsNoTracking().SingleAsync());
        Assert.Equal((dispute.Id, "photos.pdf", "application/pdf"), (file.DisputeId, file.FileName, file.ContentType));
        Assert.Equal(Pdf, file.Content);
        Assert.True(await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Invoices.Where(i => i.Id == w.Invoice).Select(i => i.IsDisputed).SingleAsync()));
        var entry = await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Activities.AsNoTracking().SingleAsync(a => a.Type == ActivityType.Dispute && a.Summary.StartsWith("Customer disputed")));
        Assert.Contains("MAIN-1 (EUR 150.00)", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("Attachments: photos.pdf", entry.Body, StringComparison.Ordinal);
        Assert.Contains("Being reviewed", Html.Element(await client.GetPageAsync(w.Link), "id=\"disputes\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disguised_attachments_and_amounts_above_the_open_balance_get_field_errors_and_store_nothing()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();

        using var disguised = await client.UploadAsync(w.Link + "/dispute",
            [new("Input.Lines[0].InvoiceId", w.Invoice.ToString()), new("Input.Lines[0].Amount", "100"), new("Input.Reason", "Other"), new("Input.Message", "See file")],
            "Files", "invoice.pdf", "MZ\u0090\0 this is a program"u8.ToArray());
        using var tooMuch = await client.UploadAsync(w.Link + "/dispute",
            [new("Input.Lines[0].InvoiceId", w.Invoice.ToString()), new("Input.Lines[0].Amount", "400.50"), new("Input.Reason", "Other"), new("Input.Message", "Too much")],
            "Files", "note.pdf", Pdf);

        Assert.Equal("invoice.pdf: only PDF, PNG or JPEG files can be attached.", Html.FieldError(await disguised.Content.ReadAsStringAsync(), "Files"));
        Assert.Equal("The amount cannot be more than the open 400.00.", Html.FieldError(await tooMuch.Content.ReadAsStringAsync(), "Input.Lines[0].Amount"));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Disputes.CountAsync()));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.DisputeAttachments.CountAsync()));
        Assert.False(await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Invoices.Where(i => i.Id == w.Invoice).Select(i => i.IsDisputed).SingleAsync()));
    }

    [Fact]
    public async Task Every_portal_route_refuses_another_customers_and_another_companys_invoices()
    {
        var w = await SeedAsync();
        using var client = app.NewClient();

        foreach (var id in new[] { w.OtherInvoice, w.ForeignInvoice })
        {
            foreach (var handler in new[] { "Pdf", "Qr" })
            {
                using var response = await client.GetAsync($"{w.Link}?handler={handler}&id={id}");
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{handler} for {id} answered {(int)response.StatusCode}");
            }

            using var promise = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", id.ToString()), new("Input.Date", w.Today.AddDays(3).ToString("yyyy-MM-dd")), new("Input.Amount", "10")]);
            Assert.Equal("This invoice is not open.", Html.FieldError(await promise.Content.ReadAsStringAsync(), "Input.InvoiceId"));
            using var dispute = await client.UploadAsync(w.Link + "/dispute",
                [new("Input.Lines[0].InvoiceId", id.ToString()), new("Input.Lines[0].Amount", "10"), new("Input.Reason", "Other"), new("Input.Message", "Not mine")], "Files", "a.pdf", Pdf);
            Assert.Equal(HttpStatusCode.OK, dispute.StatusCode);
        }

        var home = await client.GetPageAsync(w.Link);
        var promisePage = await client.GetPageAsync(w.Link + "/promise");
        var disputePage = await client.GetPageAsync(w.Link + "/dispute?invoice=" + w.OtherInvoice);
        using var statement = await client.GetAsync(w.Link + "?handler=Statement&From=" + w.Today.AddDays(-365).ToString("yyyy-MM-dd") + "&To=" + w.Today.ToString("yyyy-MM-dd"));
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        using var pdf = PdfDocument.Open(await statement.Content.ReadAsByteArrayAsync());
        var statementText = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(x => x.Text));
        foreach (var seen in new[] { home, promisePage, disputePage, statementText })
        {
            Assert.Contains("MAIN-1", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("NEIGH-1", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("FOREIGN-1", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("Neighbour", seen, StringComparison.Ordinal);
        }

        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Promises.CountAsync()));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Disputes.CountAsync()));
        Assert.False(await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Invoices.AnyAsync(i => i.IsDisputed)));
    }

    [Fact]
    public async Task Portal_forms_without_the_antiforgery_token_are_refused()
    {
        var w = await SeedAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var promise = await http.PostAsync(w.Link + "/promise", new FormUrlEncodedContent([new("Input.Date", w.Today.AddDays(3).ToString("yyyy-MM-dd")), new("Input.Amount", "10")]));

        Assert.Equal(HttpStatusCode.BadRequest, promise.StatusCode);
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Promises.CountAsync()));
    }

    [Fact]
    public async Task The_statement_and_invoice_pdf_carry_the_portal_link_and_the_page_speaks_the_customers_language()
    {
        var w = await SeedAsync();
        await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Customers.Where(c => c.Id == w.Customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, "de")));
        using var client = app.NewClient();

        var home = await client.GetPageAsync(w.Link);
        using var invoicePdf = await client.GetAsync($"{w.Link}?handler=Pdf&id={w.Invoice}");
        using var statement = await client.GetAsync($"{w.Link}?handler=Statement");

        Assert.Contains("Ihr Kundenkonto bei Seller Co", home, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", home, StringComparison.Ordinal);
        foreach (var response in new[] { invoicePdf, statement })
        {
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat(document.GetPages().SelectMany(p => p.GetWords()).Select(x => x.Text));
            Assert.Contains(w.Link[8..][..40], text, StringComparison.Ordinal);
        }

        using var qr = await client.GetAsync($"{w.Link}?handler=Qr&id={w.Invoice}");
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);

        using var bad = await client.GetAsync($"{w.Link}?handler=Statement&From=2026-05-01&To=2026-04-01");
        // The customer reads German, so the field error is German too.
        Assert.Equal("Das Anfangsdatum muss vor dem Enddatum liegen oder ihm entsprechen.", Html.FieldError(await bad.Content.ReadAsStringAsync(), "From"));
    }

    [Fact]
    public async Task The_admins_promise_maximum_and_portal_address_apply_to_new_promises_and_links()
    {
        var w = await SeedAsync();
        using var admin = app.NewClient();
        await admin.SignInAsync(w.Company.AdminEmail, TenantSeed.Password);

        using var invalid = await admin.SubmitAsync("/Settings/Portal", [new("Input.LinkLifetimeDays", "0"), new("Input.MaxPromiseDays", "10"), new("Input.PublicBaseUrl", "ftp://x")]);
        var page = await invalid.Content.ReadAsStringAsync();
        Assert.Equal("Links can last from 1 to 365 days.", Html.FieldError(page, "Input.LinkLifetimeDays"));
        Assert.Equal("Enter an address such as https://pay.example.com, or leave it empty.", Html.FieldError(page, "Input.PublicBaseUrl"));
        using var saved = await admin.SubmitAsync("/Settings/Portal", [new("Input.LinkLifetimeDays", "14"), new("Input.MaxPromiseDays", "10"), new("Input.PublicBaseUrl", "https://pay.seller.example/")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var client = app.NewClient();
        using var promise = await client.SubmitAsync(w.Link + "/promise", [new("Input.Date", w.Today.AddDays(11).ToString("yyyy-MM-dd")), new("Input.Amount", "10")]);
        Assert.StartsWith("The date can be at most 10 days ahead", Html.FieldError(await promise.Content.ReadAsStringAsync(), "Input.Date"), StringComparison.Ordinal);
        using var clerk = app.NewClient();
        await clerk.SignInAsync(w.Company.ClerkEmail, TenantSeed.Password);
        using var issue = await clerk.SubmitAsync($"/Customers/PortalLinks/{w.Customer}?handler=Issue", [], formPage: $"/Customers/PortalLinks/{w.Customer}");
        var links = await clerk.GetPageAsync($"/Customers/PortalLinks/{w.Customer}");
        Assert.StartsWith("https://pay.seller.example/portal/", Html.Element(links, "id=\"new-link\""), StringComparison.Ordinal);
        Assert.Contains(w.Today.AddDays(14).ToString("yyyy-MM-dd"), Html.Element(links, "id=\"links\""), StringComparison.Ordinal);
    }
}
