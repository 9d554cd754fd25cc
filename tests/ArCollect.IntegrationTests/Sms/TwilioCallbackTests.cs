using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Sms;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;
using static ArCollect.IntegrationTests.Sms.SmsTestKit;

namespace ArCollect.IntegrationTests.Sms;

/// <summary>Twilio's signed callbacks: delivery status and STOP/START replies, and what a bad one leaves unchanged.</summary>
public sealed class TwilioCallbackTests : IAsyncLifetime
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
        await ConfigureAsync(db, tenant);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await twilio.DisposeAsync();
    }

    private string Url(string kind) => $"http://localhost:5080/webhooks/twilio/{kind}/{tenant:N}";

    /// <summary>What the endpoint does: verify, then handle; false is answered 403.</summary>
    private async Task<bool> PostAsync(string kind, Dictionary<string, string> form, string? signature)
    {
        await using var scope = db.WithoutTenant();
        var hooks = scope.Services.GetRequiredService<TwilioWebhooks>();
        if (!await hooks.VerifyAsync(tenant, Url(kind), form, signature, CancellationToken.None))
        {
            return false;
        }

        return kind == "status" ? await hooks.StatusAsync(form, CancellationToken.None) : await hooks.InboundAsync(form, CancellationToken.None);
    }

    private async Task<(Guid CustomerId, OutboxMessage Row)> SentSmsAsync()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        await SendAsync(db, tenant);
        return (acme.Id, Assert.Single(await SmsRowsAsync(db, tenant)));
    }

    [Fact]
    public async Task A_signed_status_callback_records_delivery_and_a_failure_dead_letters_the_message()
    {
        var (customer, row) = await SentSmsAsync();
        var delivered = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId!, ["MessageStatus"] = "delivered", ["AccountSid"] = TwilioTestServer.AccountSid };

        Assert.True(await PostAsync("status", delivered, TwilioTestServer.Sign(Url("status"), delivered)));

        var stored = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal("delivered", stored.ProviderStatus);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Contains("SMS delivered to +4915112345678", await TimelineAsync(db, tenant, customer));

        // A late "sent" never overwrites "delivered".
        var late = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId!, ["MessageStatus"] = "sent" };
        Assert.True(await PostAsync("status", late, TwilioTestServer.Sign(Url("status"), late)));
        Assert.Equal("delivered", Assert.Single(await SmsRowsAsync(db, tenant)).ProviderStatus);
    }

    [Fact]
    public async Task An_undelivered_callback_dead_letters_the_sms_with_Twilios_error_code()
    {
        var (customer, row) = await SentSmsAsync();
        var failed = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId!, ["MessageStatus"] = "undelivered", ["ErrorCode"] = "30003" };

        Assert.True(await PostAsync("status", failed, TwilioTestServer.Sign(Url("status"), failed)));

        var stored = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.DeadLetter, stored.Status);
        Assert.Equal("Twilio reported the SMS undelivered (error 30003).", stored.LastError);
        Assert.Contains("SMS not delivered to +4915112345678: undelivered, Twilio error 30003", await TimelineAsync(db, tenant, customer));
    }

    [Fact]
    public async Task Bad_missing_or_foreign_signatures_and_malformed_callbacks_change_nothing()
    {
        var (_, row) = await SentSmsAsync();
        var form = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId!, ["MessageStatus"] = "undelivered" };

        Assert.False(await PostAsync("status", form, null));
        Assert.False(await PostAsync("status", form, TwilioTestServer.Sign(Url("status"), form, "0000000000000000000000000000000f")));
        // Signed for another address (another tenant's path): refused.
        Assert.False(await PostAsync("status", form, TwilioTestServer.Sign(Url("status").Replace(tenant.ToString("N"), Guid.NewGuid().ToString("N"), StringComparison.Ordinal), form)));
        // Signed, but without the status: malformed.
        var malformed = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId! };
        Assert.False(await PostAsync("status", malformed, TwilioTestServer.Sign(Url("status"), malformed)));
        var unknown = new Dictionary<string, string> { ["MessageSid"] = row.ProviderMessageId!, ["MessageStatus"] = "exploded" };
        Assert.False(await PostAsync("status", unknown, TwilioTestServer.Sign(Url("status"), unknown)));

        var stored = Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal("queued", stored.ProviderStatus);
    }

    [Fact]
    public async Task A_STOP_reply_opts_the_contact_out_and_START_opts_it_back_in()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        var stop = new Dictionary<string, string> { ["From"] = "+4915112345678", ["To"] = Sender, ["Body"] = "Stop", ["MessageSid"] = "SM1" };

        Assert.True(await PostAsync("inbound", stop, TwilioTestServer.Sign(Url("inbound"), stop)));

        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        Assert.Empty(await SmsRowsAsync(db, tenant));
        var timeline = await TimelineAsync(db, tenant, acme.Id);
        Assert.Contains("SMS opt-out: Anna Weber (+4915112345678) replied \"Stop\"; no more SMS to this number", timeline);
        Assert.Contains("SMS skipped: Anna Weber opted out of SMS (STOP) on 2026-06-15.", timeline);

        var start = new Dictionary<string, string> { ["From"] = "+4915112345678", ["To"] = Sender, ["Body"] = "START", ["MessageSid"] = "SM2" };
        Assert.True(await PostAsync("inbound", start, TwilioTestServer.Sign(Url("inbound"), start)));
        await using var scope = db.ForTenant(tenant);
        var contact = await scope.Db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == acme.Id);
        Assert.Null(contact.SmsOptedOutAt);
        Assert.Equal(db.Time.GetUtcNow(), contact.SmsConsentAt);
        Assert.Equal("START reply by SMS from +4915112345678", contact.SmsConsentSource);
    }

    [Fact]
    public async Task A_STOP_with_a_bad_signature_leaves_consent_as_it_was()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        var stop = new Dictionary<string, string> { ["From"] = "+4915112345678", ["Body"] = "STOP" };

        Assert.False(await PostAsync("inbound", stop, "bm90IGEgc2lnbmF0dXJl"));

        await using var scope = db.ForTenant(tenant);
        Assert.Null((await scope.Db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == acme.Id)).SmsOptedOutAt);
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_change_the_sms_settings()
    {
        var other = await LedgerBuilder.CreateTenantAsync(db, "Contoso");
        await using var scope = db.ForTenant(other);
        Assert.Empty(await scope.Db.TenantSmsSettings.ToListAsync());
        Assert.Empty(await scope.Db.TenantSmsSettings.IgnoreQueryFilters().ToListAsync());
        var changed = await scope.Db.Database.ExecuteSqlAsync($"UPDATE tenant_sms_settings SET from_number = '+10000000000' WHERE tenant_id = {tenant}");
        Assert.Equal(0, changed);
        Assert.Empty(await scope.Db.SmsTemplates.IgnoreQueryFilters().ToListAsync());
    }
}
