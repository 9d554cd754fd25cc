using System.Net;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Payments.Stripe;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Portal;

/// <summary>Every portal form's field errors, from the validators and from model binding, in the customer's language.</summary>
public sealed class PortalFieldErrorLanguageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n% test\n"u8, .. new byte[64]];

    private sealed record World(Guid TenantId, Guid Customer, Guid Invoice, string Link, DateOnly Today);

    private async Task<World> SeedAsync(string language)
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var today = LedgerSeed.Today(app);
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Buyer " + language);
        await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.Customers.Where(c => c.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, language)));
        var invoice = await LedgerSeed.AddInvoiceAsync(app, company.TenantId, customer, "MAIN-1", 400m, today.AddDays(-40), today.AddDays(-10));
        var link = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        return new World(company.TenantId, customer, invoice, link, today);
    }

    [Fact]
    public async Task Promise_errors_read_German_for_a_German_customer()
    {
        var w = await SeedAsync("de");
        using var client = app.NewClient();

        using var past = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", w.Invoice.ToString()), new("Input.Date", w.Today.AddDays(-1).ToString("yyyy-MM-dd")), new("Input.Amount", "100")]);
        using var tooMuch = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", w.Invoice.ToString()), new("Input.Date", w.Today.AddDays(3).ToString("yyyy-MM-dd")), new("Input.Amount", "400.01")]);
        using var notANumber = await client.SubmitAsync(w.Link + "/promise", [new("Input.InvoiceId", w.Invoice.ToString()), new("Input.Date", w.Today.AddDays(3).ToString("yyyy-MM-dd")), new("Input.Amount", "viel")]);

        Assert.Equal("Das Datum darf nicht in der Vergangenheit liegen.", Html.FieldError(await past.Content.ReadAsStringAsync(), "Input.Date"));
        Assert.Equal("Der Betrag darf den offenen Betrag von 400.00 nicht übersteigen.", Html.FieldError(await tooMuch.Content.ReadAsStringAsync(), "Input.Amount"));
        Assert.Equal("Der Wert „viel“ ist ungültig.", Html.FieldError(await notANumber.Content.ReadAsStringAsync(), "Input.Amount"));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Promises.CountAsync()));
    }

    [Fact]
    public async Task Plan_errors_read_French_for_a_French_customer()
    {
        var w = await SeedAsync("fr");
        using var client = app.NewClient();

        using var response = await client.SubmitAsync(w.Link + "/plan", [new("Input.Instalments", "1"), new("Input.FirstDate", w.Today.AddDays(-2).ToString("yyyy-MM-dd"))]);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("Choisissez de 2 à 24 échéances.", Html.FieldError(page, "Input.Instalments"));
        Assert.Equal("La date ne peut pas être passée.", Html.FieldError(page, "Input.FirstDate"));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.PaymentPlans.CountAsync()));
    }

    [Fact]
    public async Task Dispute_errors_read_Spanish_for_a_Spanish_customer()
    {
        var w = await SeedAsync("es");
        using var client = app.NewClient();

        using var empty = await client.UploadAsync(w.Link + "/dispute",
            [new("Input.Lines[0].InvoiceId", w.Invoice.ToString()), new("Input.Lines[0].Amount", "100"), new("Input.Reason", "Other"), new("Input.Message", "")],
            "Files", "note.pdf", Pdf);
        using var disguised = await client.UploadAsync(w.Link + "/dispute",
            [new("Input.Lines[0].InvoiceId", w.Invoice.ToString()), new("Input.Lines[0].Amount", "100"), new("Input.Reason", "Other"), new("Input.Message", "Vea el archivo")],
            "Files", "factura.pdf", "MZ\u0090\0 this is a program"u8.ToArray());

        Assert.Equal("Díganos qué es incorrecto.", Html.FieldError(await empty.Content.ReadAsStringAsync(), "Input.Message"));
        Assert.Equal("factura.pdf: solo se pueden adjuntar archivos PDF, PNG o JPEG.", Html.FieldError(await disguised.Content.ReadAsStringAsync(), "Files"));
        Assert.Equal(0, await PortalSeed.AsCompanyAsync(app, w.TenantId, db => db.Disputes.CountAsync()));
    }

    [Fact]
    public async Task Pay_errors_read_German_for_a_German_customer()
    {
        var w = await SeedAsync("de");
        var secrets = app.Services.GetRequiredService<StripeSecrets>();
        await LedgerSeed.WithDbAsync(app, w.TenantId, db =>
        {
            db.StripeSettings.Add(new StripeSettings
            {
                TenantId = w.TenantId,
                Enabled = true,
                SecretKeyProtected = secrets.Protect("sk_test_51Hq0aBcDeFgHiJkLmNoP"),
                SecretKeyHint = "MNoP",
                WebhookSecretProtected = secrets.Protect("whsec_test0123456789abcdefghij"),
            });
            return db.SaveChangesAsync();
        });
        using var client = app.NewClient();

        using var none = await client.SubmitAsync(w.Link + "/pay", []);
        using var garbled = await client.SubmitAsync(w.Link + "/pay", [new("InvoiceIds", "keine-rechnung")]);

        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal("Wählen Sie mindestens eine Rechnung.", Html.FieldError(await none.Content.ReadAsStringAsync(), "InvoiceIds"));
        Assert.Equal("Der Wert „keine-rechnung“ ist ungültig.", Html.FieldError(await garbled.Content.ReadAsStringAsync(), "InvoiceIds"));
    }

    [Fact]
    public async Task The_fresh_link_form_answers_in_the_browsers_language()
    {
        var company = await TenantSeed.CreateCompanyAsync(app, "Seller Co");
        var customer = await LedgerSeed.AddCustomerAsync(app, company.TenantId, "Acheteur");
        var old = await PortalSeed.LinkAsync(app, company.TenantId, customer);
        await PortalSeed.AsCompanyAsync(app, company.TenantId, db => db.PortalLinks.ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, DateTimeOffset.UtcNow)));
        using var client = app.NewClient();
        client.AcceptLanguage("fr-FR,fr;q=0.9");

        using var response = await client.SubmitAsync(old, [new("Email", "pas une adresse")], formPage: "/Account/Login");

        Assert.Equal("Indiquez une adresse e-mail, par exemple name@example.com.", Html.FieldError(await response.Content.ReadAsStringAsync(), "Email"));
    }
}
