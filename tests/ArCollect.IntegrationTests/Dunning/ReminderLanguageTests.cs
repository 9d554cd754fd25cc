using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>
/// Reminders in the customer's language, else the tenant's default, else English; dates and amounts in that
/// language's format. Today is Monday 15 June 2026, so 8 days overdue is the firm step (+7) of the default policy.
/// </summary>
public sealed class ReminderLanguageTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private SmtpTestServer smtp = null!;
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task A_German_customer_receives_a_German_reminder_with_German_dates_and_amounts()
    {
        var kunde = await LedgerBuilder.AddCustomerAsync(db, tenant, "Kunde");
        await UpdateCustomerAsync(db, tenant, kunde.Id, c => c.Language = "de");
        await AddOverdueAsync(db, tenant, kunde, "RE-1", 8, 1234.56m);
        await AddOverdueAsync(db, tenant, kunde, "RE-2", 1, 300.50m);
        await LedgerBuilder.AddInvoiceAsync(db, tenant, kunde.Id, "RE-3", 2000m, db.Today.AddDays(-38), db.Today.AddDays(-8), "CHF");

        await RunAsync(db, tenant);
        Assert.Equal(1, await DeliverAsync());

        var mail = Assert.Single(smtp.Received());
        Assert.Equal("Mahnung: überfällige Rechnungen, bitte umgehend begleichen (Northwind Supplies)", mail.Subject);
        var text = mail.TextBody!.ReplaceLineEndings("\n");
        Assert.StartsWith("Sehr geehrte Damen und Herren,", text, StringComparison.Ordinal);
        Assert.Contains("- RE-1, fällig am 07.06.2026 (8 Tage überfällig): 1.234,56 €", text, StringComparison.Ordinal);
        Assert.Contains("- RE-2, fällig am 14.06.2026 (1 Tag überfällig): 300,50 €", text, StringComparison.Ordinal);
        Assert.Contains("- RE-3, fällig am 07.06.2026 (8 Tage überfällig): 2.000,00 CHF", text, StringComparison.Ordinal);
        // One total per currency, never added across currencies: 1,234.56 + 300.50 = 1,535.06 EUR.
        Assert.Contains("Offener Gesamtbetrag: 2.000,00 CHF\nOffener Gesamtbetrag: 1.535,06 €", text, StringComparison.Ordinal);
        Assert.Contains("Mit freundlichen Grüßen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("overdue", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<th align=\"left\">Fällig am</th>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_without_a_supported_language_get_the_tenants_default()
    {
        await SetDefaultLanguageAsync("fr");
        var none = await LedgerBuilder.AddCustomerAsync(db, tenant, "Sans Langue");
        var portuguese = await LedgerBuilder.AddCustomerAsync(db, tenant, "Lingua Lda");
        await UpdateCustomerAsync(db, tenant, portuguese.Id, c => c.Language = "pt");
        await AddOverdueAsync(db, tenant, none, "F-1", 8, 1234.56m);
        await AddOverdueAsync(db, tenant, portuguese, "F-2", 8, 99m);

        await RunAsync(db, tenant);

        var messages = await OutboxAsync(db, tenant);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal("Factures échues : merci de procéder au règlement sans délai (Northwind Supplies)", m.Subject));
        var first = messages.Single(m => m.CustomerId == none.Id).TextBody;
        // French groups thousands with a narrow no-break space (U+202F) and puts the euro sign after the amount.
        Assert.Contains("- F-1, échéance le 07/06/2026 (en retard de 8 jours) : 1\u202F234,56 €", first, StringComparison.Ordinal);
        Assert.StartsWith("Madame, Monsieur,", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_without_a_template_falls_back_to_English()
    {
        // Italian and Dutch are supported languages, but no template ships in either.
        await SetDefaultLanguageAsync("nl");
        var italian = await LedgerBuilder.AddCustomerAsync(db, tenant, "Rossi");
        await UpdateCustomerAsync(db, tenant, italian.Id, c => c.Language = "it");
        await AddOverdueAsync(db, tenant, italian, "I-1", 8, 1234.56m);

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal("Overdue invoices: please pay now (Northwind Supplies)", message.Subject);
        Assert.Contains("- I-1, due 7 Jun 2026 (8 days overdue): EUR 1,234.56", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_saved_in_the_customers_language_is_used_with_that_languages_formats()
    {
        var italian = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bianchi");
        await UpdateCustomerAsync(db, tenant, italian.Id, c => c.Language = "it");
        await AddOverdueAsync(db, tenant, italian, "I-7", 8, 1234.56m);
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.MessageTemplates.Add(new MessageTemplate
            {
                Id = Guid.CreateVersion7(),
                Tone = ReminderTone.Firm,
                Language = "it",
                Subject = "Sollecito di pagamento ({{ tenant.name }})",
                HtmlBody = "<p>{% for invoice in invoices %}{{ invoice.number }} {{ invoice.open_amount_text }}{% endfor %}</p>",
                TextBody = "{% for invoice in invoices %}{{ invoice.number }}, {{ invoice.due_date }}, {{ invoice.due_text }}: {{ invoice.open_amount_text }}{% endfor %}",
                UpdatedAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal("Sollecito di pagamento (Northwind Supplies)", message.Subject);
        Assert.Equal("I-7, 07/06/2026, scaduta da 8 giorni: 1.234,56 €", message.TextBody);
    }

    private async Task SetDefaultLanguageAsync(string language)
    {
        await using var scope = db.WithoutTenant();
        await scope.Db.Tenants.Where(t => t.Id == tenant).ExecuteUpdateAsync(s => s.SetProperty(t => t.DefaultLanguage, language));
    }

    private async Task<int> DeliverAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            Security = SmtpSecurity.None,
            FromAddress = "AR <ar@northwind.example>",
        });
        var transport = new SmtpMailTransport(options);
        var sender = new OutboxSender(scope.Db, transport, transport, scope.Services.GetRequiredService<MailSecrets>(), options, db.Time, NullLogger<OutboxSender>.Instance);
        var sent = await sender.SendDueAsync(CancellationToken.None);
        Assert.All(await scope.Db.OutboxMessages.AsNoTracking().ToListAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        return sent;
    }
}
