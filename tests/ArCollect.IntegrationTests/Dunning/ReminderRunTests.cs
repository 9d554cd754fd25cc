using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

public sealed class ReminderRunTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task One_message_per_customer_lists_every_invoice_due_for_a_step()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8, 1200m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 1, 300.5m);
        await AddOverdueAsync(db, tenant, acme, "INV-3", -10, 999m);

        var result = await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal(1, result.Messages);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal("Overdue invoices: please pay now (Northwind Supplies)", message.Subject);
        Assert.Contains("- INV-1, due 7 Jun 2026 (8 days overdue): EUR 1,200.00", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- INV-2, due 14 Jun 2026 (1 day overdue): EUR 300.50", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Total EUR: 1,500.50", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-3", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<td>INV-1</td>", message.HtmlBody, StringComparison.Ordinal);
        // A fresh portal link of this customer, kept only as a hash.
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody, "See your account online: (http://localhost:5080/portal/(\\S+))");
        Assert.True(link.Success, message.TextBody);
        Assert.Contains($"<a href=\"{link.Groups[1].Value}\">", message.HtmlBody, StringComparison.Ordinal);
        await using (var scope = db.ForTenant(tenant))
        {
            var stored = await scope.Db.PortalLinks.AsNoTracking().SingleAsync();
            Assert.Equal(acme.Id, stored.CustomerId);
            Assert.Equal(ArCollect.Infrastructure.Portal.PortalTokens.Hash(link.Groups[2].Value), stored.TokenHash);
            Assert.Equal(db.Time.GetUtcNow().AddDays(60), stored.ExpiresAt);
        }

        Assert.StartsWith("Dear Sir or Madam,", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("Accounts <ap@acme.example>", message.ToAddresses);
        Assert.StartsWith($"reminder:{acme.Id:N}:", message.IdempotencyKey, StringComparison.Ordinal);

        // Monday 09:00 UTC in a UTC customer: inside business hours, so it may go at once.
        Assert.Equal(db.Time.GetUtcNow(), message.NotBefore);
    }

    [Fact]
    public async Task Running_twice_the_same_day_writes_nothing_more()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);

        await RunAsync(db, tenant);
        var second = await RunAsync(db, tenant);

        Assert.Equal(0, second.Messages);
        Assert.Single(await OutboxAsync(db, tenant));
        await using var scope = db.ForTenant(tenant);
        Assert.Equal(1, await scope.Db.ReminderLog.CountAsync());
    }

    [Fact]
    public async Task Next_step_goes_out_when_its_offset_is_reached_a_week_later()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);

        db.Time.Advance(TimeSpan.FromDays(3));
        await RunAsync(db, tenant);
        db.Time.Advance(TimeSpan.FromDays(3));
        await RunAsync(db, tenant);

        var messages = await OutboxAsync(db, tenant);
        Assert.Equal(["Payment reminder from Northwind Supplies: 1 invoice(s) overdue", "Overdue invoices: please pay now (Northwind Supplies)"], messages.Select(m => m.Subject));
        Assert.Contains("Our previous reminder was sent on 15 Jun 2026.", messages[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_shows_the_tone_and_its_reason_and_the_send_time()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await UpdateCustomerAsync(db, tenant, acme.Id, c => c.TimeZone = "America/New_York");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);

        await RunAsync(db, tenant);

        await using var scope = db.ForTenant(tenant);
        var activity = await scope.Db.Activities.SingleAsync(a => a.Type == ActivityType.Reminder);
        Assert.Equal("Reminder (firm) scheduled for 1 invoice(s): INV-1", activity.Summary);
        Assert.Contains("Tone: Policy tone firm: too little history (0 paid invoices) to adjust.", activity.Body, StringComparison.Ordinal);

        // 09:00 UTC is 05:00 in New York (EDT): the message waits for 09:00 EDT = 13:00 UTC.
        Assert.Contains("Send Monday 2026-06-15 09:00 America/New_York", activity.Body, StringComparison.Ordinal);
        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 13, 0, 0, TimeSpan.Zero), message.NotBefore);
    }

    [Fact]
    public async Task A_step_for_high_risk_customers_reaches_only_customers_the_model_put_in_that_band()
    {
        var risky = await LedgerBuilder.AddCustomerAsync(db, tenant, "Risky");
        var steady = await LedgerBuilder.AddCustomerAsync(db, tenant, "Steady");
        await AddOverdueAsync(db, tenant, risky, "INV-1", 8);
        await AddOverdueAsync(db, tenant, steady, "INV-2", 8);
        await using (var scope = db.ForTenant(tenant))
        {
            await DunningSetup.EnsureDefaultsAsync(scope.Db, tenant, CancellationToken.None);
            // The -3, +1 and +7 steps are reached 8 days after the due date; all now require the High band.
            await scope.Db.ReminderSteps.Where(s => s.OffsetDays <= 7)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RiskBand, "High"));
            scope.Db.CustomerScores.Add(new CustomerScore
            {
                CustomerId = risky.Id,
                ProbabilityLate = 0.8,
                ExpectedDaysLate = 20,
                Band = RiskBand.High,
                OpenInvoices = 1,
                Reasons = "pays late",
                ModelVersion = 1,
                ScoredAt = db.Time.GetUtcNow(),
            });
            scope.Db.CustomerScores.Add(new CustomerScore
            {
                CustomerId = steady.Id,
                ProbabilityLate = 0.1,
                ExpectedDaysLate = 0,
                Band = RiskBand.Low,
                OpenInvoices = 1,
                Reasons = "pays on time",
                ModelVersion = 1,
                ScoredAt = db.Time.GetUtcNow(),
            });
            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);

        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal(risky.Id, message.CustomerId);
    }

    [Fact]
    public async Task Template_failing_for_one_customer_parks_its_message_and_the_run_goes_on()
    {
        var withSegment = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        var without = await LedgerBuilder.AddCustomerAsync(db, tenant, "Globex");
        await UpdateCustomerAsync(db, tenant, withSegment.Id, c => c.Segment = "Retail");
        await AddOverdueAsync(db, tenant, withSegment, "INV-1", 8);
        await AddOverdueAsync(db, tenant, without, "INV-2", 8);
        await using (var scope = db.ForTenant(tenant))
        {
            scope.Db.MessageTemplates.Add(new MessageTemplate
            {
                Id = Guid.CreateVersion7(),
                Tone = ReminderTone.Firm,
                Language = "en",
                Subject = "Overdue ({{ customer.segment }})",
                HtmlBody = "<p>{{ customer.name }}</p>",
                TextBody = "{{ customer.name }}",
            });
            await scope.Db.SaveChangesAsync();
        }

        var result = await RunAsync(db, tenant);

        var messages = (await OutboxAsync(db, tenant)).ToDictionary(m => m.CustomerId!.Value);
        Assert.Equal((1, 1), (result.Messages, result.Parked));
        Assert.Equal(OutboxStatus.Pending, messages[withSegment.Id].Status);
        Assert.Equal("Overdue (Retail)", messages[withSegment.Id].Subject);
        Assert.Equal(OutboxStatus.Parked, messages[without.Id].Status);
        Assert.Equal("Template Firm prints 'customer.segment' but Globex has no value for it.", messages[without.Id].LastError);
    }

    [Fact]
    public async Task Customer_name_with_line_breaks_cannot_add_headers()
    {
        var evil = await LedgerBuilder.AddCustomerAsync(db, tenant, "Evil");
        await UpdateCustomerAsync(db, tenant, evil.Id, c =>
        {
            c.Name = "Evil Corp\r\nBcc: victim@example.com";
            c.Contacts[0].Name = "Eve\r\nBcc: victim@example.com";
        });
        await AddOverdueAsync(db, tenant, evil, "INV-1", 8);

        await RunAsync(db, tenant);

        var row = Assert.Single(await OutboxAsync(db, tenant));
        var mime = ArCollect.Infrastructure.Email.MessageComposer.Compose(row, "ar@northwind.example");
        Assert.Empty(mime.Bcc);
        Assert.Equal(["ap@evil.example"], mime.To.Mailboxes.Select(m => m.Address));
        Assert.DoesNotContain(mime.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Customer_who_pays_on_wednesdays_gets_the_reminder_on_wednesday_and_the_reason_on_the_timeline()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 8);
        await using (var scope = db.ForTenant(tenant))
        {
            // Four payments, all on Wednesdays: 20 and 27 May, 3 and 10 June 2026.
            foreach (var day in new[] { new DateOnly(2026, 5, 20), new DateOnly(2026, 5, 27), new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 10) })
            {
                scope.Db.Payments.Add(new ArCollect.Domain.Payments.Payment
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = acme.Id,
                    ReceivedOn = day,
                    Amount = 10m,
                    Currency = "EUR",
                    UnappliedAmount = 10m,
                    CreatedAt = db.Time.GetUtcNow(),
                });
            }

            await scope.Db.SaveChangesAsync();
        }

        await RunAsync(db, tenant);

        // Run on Monday 15 June 09:00 UTC: waits two days for Wednesday 17 June 09:00 UTC.
        var message = Assert.Single(await OutboxAsync(db, tenant));
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 9, 0, 0, TimeSpan.Zero), message.NotBefore);
        await using var check = db.ForTenant(tenant);
        var activity = await check.Db.Activities.SingleAsync(a => a.Type == ActivityType.Reminder);
        Assert.Contains("waits 2 days: the customer usually pays or replies on Wednesdays (4 of 4)", activity.Body, StringComparison.Ordinal);
    }
}
