using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>
/// The policy's thank-you step: a reminded invoice paid in full is thanked for once, in the customer's language, by
/// the next run through the outbox to a loopback SMTP server; credit notes alone, write-offs and invoices collections
/// never touched are not thanked for. Today is Monday 15 June 2026.
/// </summary>
public sealed class ThankYouTests : IAsyncLifetime
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
    public async Task A_reminded_invoice_paid_in_full_is_thanked_for_once_in_the_customers_language()
    {
        await EnableThankYouAsync(StepActions.Email);
        var kunde = await LedgerBuilder.AddCustomerAsync(db, tenant, "Kunde GmbH");
        await UpdateCustomerAsync(db, tenant, kunde.Id, c => c.Language = "de");
        await AddOverdueAsync(db, tenant, kunde, "RE-1", 8, 1234.56m);
        await AddOverdueAsync(db, tenant, kunde, "RE-2", 8, 300m);
        await RunAsync(db, tenant);
        Assert.Equal(1, await DeliverAsync());

        db.Time.Advance(TimeSpan.FromDays(1));
        await PayAsync(kunde.Id, 1534.56m);
        var run = await RunAsync(db, tenant);
        Assert.Equal(2, run.ThankedInvoices);
        Assert.Equal(1, await DeliverAsync());

        var mail = smtp.Received().Single(m => m.Subject!.Contains("Vielen Dank", StringComparison.Ordinal));
        Assert.Equal("Vielen Dank für Ihre Zahlung (Northwind Supplies)", mail.Subject);
        var text = mail.TextBody!.ReplaceLineEndings("\n");
        Assert.StartsWith("Sehr geehrte Damen und Herren,", text, StringComparison.Ordinal);
        Assert.Contains("- RE-1: 1.234,56 € bezahlt\n- RE-2: 300,00 € bezahlt\nInsgesamt bezahlt: 1.534,56 €", text, StringComparison.Ordinal);
        Assert.Matches(@"finden Sie jederzeit hier: http://localhost:5080/portal/\S+", text);
        Assert.Contains("Mit freundlichen Grüßen", text, StringComparison.Ordinal);

        // The next day's run (and a second run the same day) thanks for nothing more.
        Assert.Equal(0, (await RunAsync(db, tenant)).ThankedInvoices);
        db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunAsync(db, tenant)).ThankedInvoices);
        Assert.Equal(0, await DeliverAsync());
        Assert.Single(await OutboxAsync(db, tenant, MessageKind.ThankYou));
        Assert.Equal(2, smtp.Received().Count);

        await using var scope = db.ForTenant(tenant);
        Assert.Equal(2, await scope.Db.ThankYouLog.CountAsync());
        var timeline = await scope.Db.Activities.AsNoTracking().Where(a => a.CustomerId == kunde.Id).Select(a => a.Summary).ToListAsync();
        Assert.Contains("Thank-you for payment scheduled for 2 invoice(s): RE-1, RE-2", timeline);
    }

    [Fact]
    public async Task Credit_notes_alone_write_offs_and_invoices_never_reminded_get_no_thanks()
    {
        await EnableThankYouAsync(StepActions.Email);
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "CREDITED", 8, 100m);
        await AddOverdueAsync(db, tenant, acme, "WRITTEN-OFF", 8, 50m);
        await RunAsync(db, tenant);
        // Paid without ever being reminded: due tomorrow, no step reached yet.
        var early = await LedgerBuilder.AddInvoiceAsync(db, tenant, acme.Id, "EARLY", 70m, db.Today.AddDays(-29), db.Today.AddDays(1));

        await using (var scope = db.ForTenant(tenant))
        {
            var adjustments = scope.Services.GetRequiredService<InvoiceAdjustments>();
            var invoices = await scope.Db.Invoices.AsNoTracking().ToDictionaryAsync(i => i.Number, i => i.Id);
            Assert.True((await adjustments.CreditAsync(new AdjustmentInput { InvoiceId = invoices["CREDITED"], Reason = "Goods returned", Date = db.Today }, CancellationToken.None)).Succeeded);
            Assert.True((await adjustments.WriteOffAsync(new AdjustmentInput { InvoiceId = invoices["WRITTEN-OFF"], Reason = "Customer insolvent", Date = db.Today }, true, CancellationToken.None)).Succeeded);
        }

        await PayAsync(acme.Id, 70m, early.Id);
        Assert.Equal(0, (await RunAsync(db, tenant)).ThankedInvoices);
        Assert.Empty(await OutboxAsync(db, tenant, MessageKind.ThankYou));
    }

    [Fact]
    public async Task A_policy_without_the_thank_you_step_thanks_for_nothing()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 100m);
        await RunAsync(db, tenant);
        await PayAsync(acme.Id, 100m);

        Assert.Equal(0, (await RunAsync(db, tenant)).ThankedInvoices);
        Assert.Empty(await OutboxAsync(db, tenant, MessageKind.ThankYou));
    }

    private async Task EnableThankYouAsync(StepActions channels)
    {
        await using var scope = db.ForTenant(tenant);
        await ArCollect.Infrastructure.Dunning.DunningSetup.EnsureDefaultsAsync(scope.Db, tenant, CancellationToken.None);
        await scope.Db.ReminderPolicies.ExecuteUpdateAsync(s => s.SetProperty(p => p.ThankYouActions, channels));
    }

    private async Task PayAsync(Guid customerId, decimal amount, Guid? invoiceId = null)
    {
        await using var scope = db.ForTenant(tenant);
        var input = new RecordPaymentInput { CustomerId = customerId, ReceivedOn = db.Today, Amount = amount, Currency = "EUR" };
        if (invoiceId is { } id)
        {
            input.Allocations = [new AllocationRequest(id, amount)];
        }

        var paid = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(input, CancellationToken.None);
        Assert.True(paid.Succeeded);
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
        return await sender.SendDueAsync(CancellationToken.None);
    }
}
