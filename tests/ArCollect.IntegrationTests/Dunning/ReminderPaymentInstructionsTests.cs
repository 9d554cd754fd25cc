using ArCollect.Domain.Customers;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using UglyToad.PdfPig;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>A reminder helps the customer pay: it greets a person, says where to pay with a reference per invoice and attaches the invoices.</summary>
public sealed class ReminderPaymentInstructionsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Nordlicht");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task SetCompanyAsync(bool attach)
    {
        await using var scope = db.ForTenant(tenant);
        scope.Db.CompanyProfiles.Add(new CompanyProfile
        {
            TenantId = tenant,
            LegalName = "Nordlicht Handel GmbH",
            Country = "DE",
            VatId = "DE298765432",
            Iban = "DE89370400440532013000",
            Bic = "COBADEFFXXX",
            BankName = "Commerzbank",
            AttachInvoicePdfs = attach,
        });
        await scope.Db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_german_reminder_greets_the_contact_by_salutation_gives_bank_details_and_a_reference_per_invoice_and_attaches_the_pdfs()
    {
        await SetCompanyAsync(attach: true);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Krüger Logistik");
        await UpdateCustomerAsync(db, tenant, customer.Id, c =>
        {
            c.Language = "de";
            c.Contacts[0].Name = "Jörg Weber";
            c.Contacts[0].Salutation = Salutation.Mr;
            c.Contacts[0].FirstName = "Jörg";
            c.Contacts[0].LastName = "Weber";
        });
        await AddOverdueAsync(db, tenant, customer, "RE-2026-1", 8, 1200m);
        await AddOverdueAsync(db, tenant, customer, "RE-2026-2", 20, 300m);

        await RunAsync(db, tenant);

        await using var scope = db.ForTenant(tenant);
        var message = await scope.Db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync();
        Assert.StartsWith("Sehr geehrter Herr Weber,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Sehr geehrter Herr Weber,</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("an Nordlicht Handel GmbH, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX (Commerzbank)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("RE-2026-1, fällig am", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Verwendungszweck {Domain.Common.CreditorReference.Format(Domain.Common.CreditorReference.FromInvoiceNumber("RE-2026-1")!)}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Verwendungszweck {Domain.Common.CreditorReference.Format(Domain.Common.CreditorReference.FromInvoiceNumber("RE-2026-2")!)}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ihr Kundenkonto online: http://localhost:5080/portal/", message.TextBody, StringComparison.Ordinal);

        Assert.Equal(["RE-2026-1.pdf", "RE-2026-2.pdf"], message.Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal));
        using (var pdf = PdfDocument.Open(message.Attachments.Single(a => a.FileName == "RE-2026-1.pdf").Content))
        {
            Assert.Contains("Rechnung RE-2026-1", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
            // The invoice carries the same portal link as the reminder it came with.
            var token = System.Text.RegularExpressions.Regex.Match(message.TextBody, "/portal/(\\S+)").Groups[1].Value;
            Assert.Contains(token[..40], string.Concat(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), StringComparison.Ordinal);
        }

        var mime = MessageComposer.Compose(message, "ar@nordlicht.example");
        var again = MessageComposer.Compose(message, "ar@nordlicht.example");
        Assert.Equal(["RE-2026-1.pdf", "RE-2026-2.pdf"], mime.Attachments.OfType<MimePart>().Select(a => a.FileName));
        Assert.Equal(Bytes(mime), Bytes(again));
    }

    [Fact]
    public async Task A_team_mailbox_gets_the_neutral_formula_and_without_the_setting_no_attachments()
    {
        await SetCompanyAsync(attach: false);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await UpdateCustomerAsync(db, tenant, customer.Id, c => { c.Language = "de"; c.Contacts[0].Name = "Accounts Payable"; });
        await AddOverdueAsync(db, tenant, customer, "INV-1", 8);

        await RunAsync(db, tenant);

        await using var scope = db.ForTenant(tenant);
        var message = await scope.Db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync();
        Assert.StartsWith("Sehr geehrte Damen und Herren,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Accounts Payable,", message.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public async Task Without_bank_details_the_reminder_has_no_payment_instructions_but_still_the_references()
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, customer, "INV-1", 8);

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.DoesNotContain("IBAN", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("payment reference RF", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Outbox_addresses_show_decoded_names() =>
        Assert.Equal("Jörg Weber <jw@example.de>", MessageComposer.DisplayAddresses(new MailboxAddress("Jörg Weber", "jw@example.de").ToString(true)));

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            part.Content?.DecodeTo(stream);
        }

        return stream.ToArray();
    }
}
