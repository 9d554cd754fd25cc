using ArCollect.Domain.Disputes;
using ArCollect.Domain.Drafting;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Payments;
using ArCollect.Domain.Replies;
using ArCollect.Infrastructure.Drafting;
using ArCollect.Infrastructure.Email;
using ArCollect.IntegrationTests.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Drafting;

/// <summary>
/// Drafted follow-ups on PostgreSQL, on a German customer as of 15 Jun 2026: RE-1 (1200, due 1 May, 45 days late),
/// RE-2 (800, due 1 Jul), RE-3 (250, due 20 May, disputed: pricing, in review). Reminded 1 Jun (sent), paid 300 on
/// 8 Jun, replied 5 Jun promising 1200 by 10 Jun on RE-1, which did not come (broken). Open 2250, overdue 1450.
/// </summary>
public sealed class FollowUpDraftingTests : IAsyncLifetime
{
    private readonly int smtpPort = SmtpTestServer.FreePort();
    private readonly TestDatabase db;
    private SmtpTestServer smtp = null!;
    private ChatCompletionsTestServer model = null!;
    private Guid tenant;
    private Guid customer;

    public FollowUpDraftingTests() => db = new TestDatabase
    {
        ConfigureServices = s =>
        {
            OutboxTestKit.AddEmail(s, smtpPort);
            s.AddArCollectDrafting(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The model server of the test listens on loopback, which only this allowance reaches.
                ["Drafting:AllowPrivateEndpoints"] = "true",
                ["Drafting:TimeoutSeconds"] = "2",
            }).Build());
        },
    };

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync(smtpPort);
        model = await ChatCompletionsTestServer.StartAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Muster GmbH");
        customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Keller AG")).Id;
        var re1 = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "RE-1", 1200m, new(2026, 4, 1), new(2026, 5, 1));
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "RE-2", 800m, new(2026, 6, 1), new(2026, 7, 1));
        var re3 = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer, "RE-3", 250m, new(2026, 4, 20), new(2026, 5, 20));
        await using var scope = db.ForTenant(tenant);
        var d = scope.Db;
        (await d.Customers.SingleAsync(c => c.Id == customer)).Language = "de";
        var reply = new InboundMessage
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer,
            MessageId = "reply-1@kellerag.example",
            FromAddress = "ap@kellerag.example",
            Subject = "AW: Zahlungserinnerung",
            TextBody = "Wir zahlen bis zum 10.06.\n\n> Zitat",
            ReceivedAt = new(2026, 6, 5, 8, 0, 0, TimeSpan.Zero),
        };
        d.InboundMessages.Add(reply);
        d.ReplyClassifications.Add(new ReplyClassification
        {
            Id = Guid.CreateVersion7(),
            InboundMessageId = reply.Id,
            CustomerId = customer,
            Intent = ReplyLabels.Promise,
            Tone = ReplyLabels.Neutral,
            StrippedText = "Wir zahlen bis zum 10.06.",
            ClassifiedAt = reply.ReceivedAt,
        });
        d.Promises.Add(new PromiseToPay
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer,
            InvoiceId = re1.Id,
            PromisedDate = new(2026, 6, 10),
            Amount = 1200m,
            Currency = "EUR",
            Status = PromiseStatus.Broken,
            CreatedAt = reply.ReceivedAt,
        });
        d.Disputes.Add(new Dispute
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer,
            InvoiceId = re3.Id,
            Reason = DisputeReason.PricingError,
            Status = DisputeStatus.InReview,
            Amount = 250m,
            Currency = "EUR",
            OpenedOn = new(2026, 5, 25),
        });
        d.Payments.Add(new Payment { Id = Guid.CreateVersion7(), CustomerId = customer, ReceivedOn = new(2026, 6, 8), Amount = 300m, UnappliedAmount = 300m, Currency = "EUR", CreatedAt = db.Time.GetUtcNow() });
        await d.SaveChangesAsync();
        await OutboxWriter.EnqueueAsync(d, new OutboxMessage
        {
            IdempotencyKey = "reminder:earlier",
            Kind = MessageKind.Reminder,
            CustomerId = customer,
            ToAddresses = "ap@kellerag.example",
            Subject = "Zahlungserinnerung",
            TextBody = "...",
            MessageId = MessageComposer.NewMessageId("test.local"),
            NotBefore = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero),
            CreatedAt = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero),
        }, CancellationToken.None);
        await d.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET status = 'Sent' WHERE tenant_id = {tenant} AND idempotency_key = 'reminder:earlier'");
        await d.Database.ExecuteSqlAsync($"UPDATE invoices SET disputed_amount = 250, is_disputed = true WHERE tenant_id = {tenant} AND id = {re3.Id}");
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task The_template_draft_is_German_refers_to_the_conversation_and_names_the_facts_it_used()
    {
        var result = await DraftAsync();

        Assert.False(result.ByLanguageModel);
        Assert.Null(result.ModelProblem);
        Assert.Equal("Nachfrage zu Ihrem Kundenkonto", result.Draft.Subject);
        Assert.Equal(
            """
            Guten Tag Accounts,

            vielen Dank für Ihre Antwort vom 05.06.2026. Sie hatten uns die Zahlung zugesagt.

            Seit unserer Erinnerung vom 01.06.2026 ist bei uns 300,00 EUR eingegangen. Vielen Dank.

            Für den 10.06.2026 wurde uns eine Zahlung von 1.200,00 EUR zugesagt; sie ist bei uns noch nicht eingegangen.

            Die Rechnung RE-3 (250,00 EUR) wird nach Ihrer Beanstandung geprüft; den beanstandeten Betrag fordern wir bis zur Klärung nicht ein.

            Noch offen sind 2.250,00 EUR aus 3 Rechnung(en), davon 1.450,00 EUR überfällig:
            - Rechnung RE-1, fällig am 01.05.2026: 1.200,00 EUR
            - Rechnung RE-3, fällig am 20.05.2026: 250,00 EUR

            Bitte begleichen Sie den überfälligen Betrag innerhalb von 7 Tagen. Sollte etwas dagegen sprechen, antworten Sie auf diese E-Mail, damit wir gemeinsam eine Lösung finden.

            Mit freundlichen Grüßen
            Muster GmbH
            """.ReplaceLineEndings("\n"),
            result.Draft.Body);
        var facts = result.Draft.Facts.Select(f => $"{f.Kind}: {f.Text}").ToList();
        Assert.Contains("Last reply: 2026-06-05 (intent Promise to pay, tone neutral): \"Wir zahlen bis zum 10.06.\"", facts);
        Assert.Contains("Payment since the last reminder: EUR 300.00 received 2026-06-08 (last reminder 2026-06-01)", facts);
        Assert.Contains("Promise broken: EUR 1200.00 by 2026-06-10 on invoice RE-1, made 2026-06-05", facts);
        Assert.Contains("Open dispute: invoice RE-3, pricing, in review, EUR 250.00, opened 2026-05-25", facts);
        Assert.Contains("Overdue invoice: RE-1, due 2026-05-01 (45 days), EUR 1200.00", facts);
        Assert.Equal("ap@kellerag.example", result.Recipient.Email);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task With_the_model_turned_on_the_draft_comes_from_the_endpoint_which_gets_exactly_the_facts_shown_to_the_Admin()
    {
        await UseModelAsync("sk-test-123");
        model.Answer = "Subject: Ihre offene Rechnung RE-1\n\nGuten Tag,\n\nbitte überweisen Sie 1.200,00 EUR für RE-1.\n\nMit freundlichen Grüßen\nMuster GmbH";

        var result = await DraftAsync();

        Assert.True(result.ByLanguageModel);
        Assert.Equal("Ihre offene Rechnung RE-1", result.Draft.Subject);
        Assert.Equal("Guten Tag,\n\nbitte überweisen Sie 1.200,00 EUR für RE-1.\n\nMit freundlichen Grüßen\nMuster GmbH", result.Draft.Body);
        var request = Assert.Single(model.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-123", request.Authorization);
        Assert.Equal("test-model", request.Model);
        Assert.Contains("Write in German, in a firm tone.", request.Message("system"), StringComparison.Ordinal);
        Assert.Contains("Promise broken: EUR 1200.00 by 2026-06-10 on invoice RE-1, made 2026-06-05", request.Message("user"), StringComparison.Ordinal);
        await using var scope = db.ForTenant(tenant);
        var settings = await scope.Db.DraftingSettings.AsNoTracking().SingleAsync();
        Assert.Equal(request.Message("user"), settings.LastFacts);
        Assert.Equal(request.Message("system"), settings.LastInstructions);
        Assert.DoesNotContain("sk-test-123", settings.ApiKeyProtected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_endpoint_is_asked_once_and_leaves_the_template_draft_with_the_reason()
    {
        await UseModelAsync("sk-test-123");
        model.Status = 500;

        var result = await DraftAsync();

        Assert.False(result.ByLanguageModel);
        Assert.Contains("HTTP 500", result.ModelProblem, StringComparison.Ordinal);
        Assert.StartsWith("Guten Tag Accounts,", result.Draft.Body, StringComparison.Ordinal);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task A_slow_endpoint_times_out_and_the_template_draft_is_shown()
    {
        await UseModelAsync(null);
        model.Delay = TimeSpan.FromSeconds(10);

        var result = await DraftAsync();

        Assert.False(result.ByLanguageModel);
        Assert.Contains("no answer within 2 seconds", result.ModelProblem, StringComparison.Ordinal);
        Assert.Equal($"Bearer {FollowUpDrafter.NoKey}", Assert.Single(model.Requests).Authorization);
    }

    [Fact]
    public async Task Sending_the_same_draft_twice_emails_the_customer_once_with_the_clerks_text()
    {
        var input = new FollowUpInput { DraftKey = Guid.CreateVersion7(), Subject = "Ihr Konto", Body = "Guten Tag,\r\n\r\nbitte zahlen Sie RE-1.\r\n" };

        var first = await SendAsync(customer, input);
        var second = await SendAsync(customer, input);
        await new OutboxTestKit(db, smtp).SendAsync(tenant);

        Assert.Equal(FollowUpSendOutcome.Queued, first.Outcome);
        Assert.Equal(FollowUpSendOutcome.AlreadyQueued, second.Outcome);
        var mail = Assert.Single(smtp.Received());
        Assert.Equal("Ihr Konto", mail.Subject);
        Assert.Equal("Guten Tag,\n\nbitte zahlen Sie RE-1.", mail.TextBody?.ReplaceLineEndings("\n").Trim());
        Assert.Equal(["ap@kellerag.example"], smtp.Recipients().Single());
        await using var scope = db.ForTenant(tenant);
        var timeline = await scope.Db.Activities.Where(a => a.CustomerId == customer).Select(a => a.Summary).OrderBy(s => s).ToListAsync();
        // The clerk's entry when queued, the sender's when the server accepted it: one of each.
        Assert.Equal(["Follow-up queued for ap@kellerag.example: Ihr Konto", "Sent: Ihr Konto"], timeline);
    }

    [Fact]
    public async Task A_do_not_contact_customer_gets_nothing_and_the_clerk_is_told_why()
    {
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.DoNotContact, true));
        }

        var result = await SendAsync(customer, new FollowUpInput { DraftKey = Guid.CreateVersion7(), Subject = "x", Body = "y" });

        Assert.Equal(FollowUpSendOutcome.Refused, result.Outcome);
        Assert.Contains("do not contact", result.Problem, StringComparison.Ordinal);
        await using var check = db.ForTenant(tenant);
        Assert.False(await check.Db.OutboxMessages.AnyAsync(m => m.IdempotencyKey.StartsWith("follow-up:")));
    }

    [Fact]
    public async Task Another_company_cannot_read_or_change_the_settings_nor_draft_or_send_for_this_customer()
    {
        await UseModelAsync("sk-secret");
        var other = await LedgerBuilder.CreateTenantAsync(db, "Other Ltd");
        await using var scope = db.ForTenant(other);

        Assert.Equal(0, await scope.Db.DraftingSettings.CountAsync());
        Assert.Equal(0, await scope.Db.DraftingSettings.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.Database.ExecuteSqlAsync($"UPDATE drafting_settings SET model = 'stolen' WHERE tenant_id = {tenant}"));
        Assert.Null(await scope.Services.GetRequiredService<FollowUpDrafter>().DraftAsync(customer, CancellationToken.None));
        var sent = await scope.Services.GetRequiredService<FollowUpSender>().SendAsync(customer, new FollowUpInput { DraftKey = Guid.CreateVersion7(), Subject = "x", Body = "y" }, CancellationToken.None);
        Assert.Equal(FollowUpSendOutcome.Missing, sent.Outcome);
        await using var own = db.ForTenant(tenant);
        Assert.Equal("test-model", (await own.Db.DraftingSettings.SingleAsync()).Model);
    }

    private async Task<DraftResult> DraftAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return (await scope.Services.GetRequiredService<FollowUpDrafter>().DraftAsync(customer, CancellationToken.None))!;
    }

    private async Task<FollowUpSendResult> SendAsync(Guid customerId, FollowUpInput input)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<FollowUpSender>().SendAsync(customerId, input, CancellationToken.None);
    }

    private async Task UseModelAsync(string? key)
    {
        await using var scope = db.ForTenant(tenant);
        scope.Db.DraftingSettings.Add(new DraftingSettings
        {
            Id = Guid.CreateVersion7(),
            UseLanguageModel = true,
            Endpoint = model.BaseUrl,
            Model = "test-model",
            ApiKeyProtected = scope.Services.GetRequiredService<MailSecrets>().Protect(key),
            UpdatedAt = db.Time.GetUtcNow(),
        });
        await scope.Db.SaveChangesAsync();
    }
}
