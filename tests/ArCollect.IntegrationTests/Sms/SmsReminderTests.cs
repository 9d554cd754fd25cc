using ArCollect.Domain.Messaging;
using ArCollect.IntegrationTests.Infrastructure;
using Npgsql;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;
using static ArCollect.IntegrationTests.Sms.SmsTestKit;

namespace ArCollect.IntegrationTests.Sms;

/// <summary>Reminder SMS from the run through the outbox to a loopback server answering as Twilio's Messages API.</summary>
public sealed class SmsReminderTests : IAsyncLifetime
{
    private readonly string pickup = Path.Combine(Path.GetTempPath(), "arcollect-sms-" + Guid.NewGuid().ToString("N"));
    private TwilioTestServer twilio = null!;
    private TestDatabase db = null!;
    private Guid tenant;

    public async Task InitializeAsync()
    {
        twilio = await TwilioTestServer.StartAsync();
        db = Database(twilio, pickup);
        await db.InitializeAsync();
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await twilio.DisposeAsync();
    }

    [Fact]
    public async Task Sms_step_sends_the_reminder_through_Twilio_and_records_its_sid()
    {
        await ConfigureAsync(db, tenant);
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1, 250m);

        await RunAsync(db, tenant);
        var sent = await SendAsync(db, tenant);

        Assert.Equal(1, sent);
        var received = Assert.Single(twilio.Messages);
        Assert.Equal("+4915112345678", received.To);
        Assert.Equal(Sender, received.From);
        Assert.Matches(@"^Northwind Supplies: 1 invoice\(s\) overdue\. See and pay: http://localhost:5080/portal/\S+ Reply STOP to opt out$", received.Body);
        Assert.Equal($"http://localhost:5080/webhooks/twilio/status/{tenant:N}", received.StatusCallback);
        var row = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(received.Sid, row.ProviderMessageId);
        Assert.Equal("queued", row.ProviderStatus);
        var timeline = await TimelineAsync(db, tenant, acme.Id);
        Assert.Contains("SMS scheduled to +4915112345678", timeline);
        Assert.Contains("Sent: SMS reminder (neutral) to Anna Weber", timeline);
    }

    [Fact]
    public async Task A_retry_after_a_lost_result_finds_the_sent_message_and_never_sends_twice()
    {
        await ConfigureAsync(db, tenant);
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        await SendAsync(db, tenant);
        var sid = Assert.Single(twilio.Messages).Sid;

        // The sender died after Twilio accepted the message and before its result was saved: the claim has expired.
        await using (var connection = new NpgsqlConnection(db.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE outbox_messages SET status = 'Sending', provider_message_id = NULL, provider_status = NULL, sent_at = NULL, claimed_until = '2026-06-15 08:00:00+00', claim_token = gen_random_uuid() WHERE channel = 'Sms' AND tenant_id = @t", connection);
            command.Parameters.AddWithValue("t", tenant);
            await command.ExecuteNonQueryAsync();
        }

        db.Time.Advance(TimeSpan.FromMinutes(10));
        await SendAsync(db, tenant);
        await RunAsync(db, tenant);
        await SendAsync(db, tenant);

        Assert.Single(twilio.Messages);
        var row = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(sid, row.ProviderMessageId);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task A_message_due_in_quiet_hours_waits_for_the_morning_in_the_customers_time_zone()
    {
        // 09:00 UTC on Monday 15 June is 05:00 in New York (EDT, UTC-4): inside the default quiet hours 20:00-08:00.
        await ConfigureAsync(db, tenant);
        var acme = await CustomerAsync(db, tenant, "Acme", "+12025550143", timeZone: "America/New_York");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);

        await RunAsync(db, tenant);
        var row = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero), row.NotBefore);
        Assert.Equal(0, await SendAsync(db, tenant));
        Assert.Empty(twilio.Messages);

        db.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await SendAsync(db, tenant));
        Assert.Equal("+12025550143", Assert.Single(twilio.Messages).To);
        Assert.Contains("SMS scheduled to +12025550143 for 2026-06-15 08:00 customer time (after quiet hours)", await TimelineAsync(db, tenant, acme.Id));
    }

    [Fact]
    public async Task Invalid_numbers_and_contacts_without_consent_are_skipped_with_a_reason_on_the_timeline()
    {
        await ConfigureAsync(db, tenant);
        var broken = await CustomerAsync(db, tenant, "Broken Numbers", "+4912");
        var silent = await CustomerAsync(db, tenant, "No Consent", "+4915112345678", consent: false);
        await AddOverdueAsync(db, tenant, broken, "INV-1", 1);
        await AddOverdueAsync(db, tenant, silent, "INV-2", 1);

        await RunAsync(db, tenant);
        await SendAsync(db, tenant);

        Assert.Empty(await SmsRowsAsync(db, tenant));
        Assert.Empty(twilio.Messages);
        Assert.Contains("SMS skipped: Anna Weber +4912 is not a valid mobile number.", await TimelineAsync(db, tenant, broken.Id));
        Assert.Contains("SMS skipped: Anna Weber has not agreed to SMS reminders.", await TimelineAsync(db, tenant, silent.Id));
        // The email of the same step still goes out.
        Assert.Equal(2, (await OutboxAsync(db, tenant)).Count(m => m.Channel == MessageChannel.Email));
    }

    [Fact]
    public async Task A_number_Twilio_refuses_is_dead_lettered_with_Twilios_reason()
    {
        await ConfigureAsync(db, tenant);
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        twilio.InvalidNumbers.Add("+4915112345678");

        await RunAsync(db, tenant);
        await SendAsync(db, tenant);

        var row = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.DeadLetter, row.Status);
        Assert.Equal("Twilio answered 400, error 21211: Invalid 'To' Phone Number: +4915112345678", row.LastError);
        Assert.Contains("SMS not delivered: SMS reminder (neutral) to Anna Weber", await TimelineAsync(db, tenant, acme.Id));
    }

    [Fact]
    public async Task Without_a_Twilio_account_the_sms_is_written_to_the_pickup_folder_and_parked_never_sent()
    {
        await ConfigureAsync(db, tenant, twilio: false);
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);

        await RunAsync(db, tenant);
        Assert.Equal(0, await SendAsync(db, tenant));

        var row = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.Parked, row.Status);
        Assert.Null(row.SentAt);
        Assert.StartsWith("Not sent: SMS is not configured (no Twilio account).", row.LastError, StringComparison.Ordinal);
        var file = Path.Combine(pickup, $"{row.Id:N}.txt");
        Assert.Contains("To: +4915112345678", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        // The reason is shown to the tenant's Admin: it names the file, never the server's folders.
        Assert.Contains($"{row.Id:N}.txt", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(pickup, row.LastError, StringComparison.Ordinal);
        Assert.Empty(twilio.Messages);
    }
}
