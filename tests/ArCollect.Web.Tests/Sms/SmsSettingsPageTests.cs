using System.Net;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Sms;
using ArCollect.IntegrationTests.Sms;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Sms;

/// <summary>Settings &gt; SMS: the Twilio account saved with field errors and a write-only token, a test SMS, recent failures.</summary>
public sealed class SmsSettingsPageTests(SmsFixture fixture) : IClassFixture<SmsFixture>
{
    private const string Sender = "+14155550100";

    private static KeyValuePair<string, string>[] Form(string enabled, string sid, string token, string from, string service = "", string quietStart = "20:00", string quietEnd = "08:00") =>
    [
        new("Input.Enabled", enabled), new("Input.AccountSid", sid), new("Input.AuthToken", token), new("Input.FromNumber", from),
        new("Input.MessagingServiceSid", service), new("Input.QuietStart", quietStart), new("Input.QuietEnd", quietEnd),
    ];

    [Fact]
    public async Task Bad_values_are_named_by_field_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Typos");
        using var admin = fixture.App.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var bad = await admin.SubmitAsync("/Settings/Sms", Form("true", "AB123", "", "0151 abc", quietEnd: ""));
        var page = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.StartsWith("Account SID: AC followed by 32 hexadecimal characters", Html.FieldError(page, "Input.AccountSid"), StringComparison.Ordinal);
        Assert.Equal("SMS needs the Twilio auth token.", Html.FieldError(page, "Input.AuthToken"));
        Assert.StartsWith("Sender number: your Twilio number in international form", Html.FieldError(page, "Input.FromNumber"), StringComparison.Ordinal);
        Assert.StartsWith("Enter when quiet hours end", Html.FieldError(page, "Input.QuietEnd"), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.WithDbAsync(company.TenantId, db => db.TenantSmsSettings.CountAsync()));

        using var both = await admin.SubmitAsync("/Settings/Sms", Form("true", TwilioTestServer.AccountSid, TwilioTestServer.AuthToken, Sender, "MG0123456789abcdef0123456789abcdef"));
        Assert.Equal("Fill in either the sender number or the messaging service, not both.", Html.FieldError(await both.Content.ReadAsStringAsync(), "Input.MessagingServiceSid"));
        Assert.Equal(0, await fixture.WithDbAsync(company.TenantId, db => db.TenantSmsSettings.CountAsync()));
    }

    [Fact]
    public async Task The_token_is_stored_encrypted_shown_only_masked_and_kept_when_left_empty()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Owner");
        using var admin = fixture.App.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);

        using var saved = await admin.SubmitAsync("/Settings/Sms", Form("true", TwilioTestServer.AccountSid, TwilioTestServer.AuthToken, "+1 415 555-0100", quietStart: "21:30", quietEnd: "07:15"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var settings = await fixture.WithDbAsync(company.TenantId, db => db.TenantSmsSettings.AsNoTracking().SingleAsync());
        Assert.True(settings.IsConfigured);
        Assert.Equal(Sender, settings.FromNumber);
        Assert.Equal((new TimeOnly(21, 30), new TimeOnly(7, 15)), (settings.QuietStart, settings.QuietEnd));
        Assert.DoesNotContain(TwilioTestServer.AuthToken, settings.AuthTokenProtected!, StringComparison.Ordinal);
        Assert.Equal(TwilioTestServer.AuthToken, fixture.App.Services.GetRequiredService<SmsSecrets>().Unprotect(settings.AuthTokenProtected));

        var page = await admin.GetPageAsync("/Settings/Sms");
        Assert.DoesNotContain(TwilioTestServer.AuthToken, page, StringComparison.Ordinal);
        Assert.Contains("A token ending in ••••feed is saved; leave empty to keep it.", Html.Text(page), StringComparison.Ordinal);
        Assert.Contains($"/webhooks/twilio/inbound/{company.TenantId:N}", page, StringComparison.Ordinal);

        // Off, token left empty: the saved token stays, and the sender no longer counts the account as configured.
        using var off = await admin.SubmitAsync("/Settings/Sms", Form("false", TwilioTestServer.AccountSid, "", Sender));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        settings = await fixture.WithDbAsync(company.TenantId, db => db.TenantSmsSettings.AsNoTracking().SingleAsync());
        Assert.False(settings.IsConfigured);
        Assert.Equal(TwilioTestServer.AuthToken, fixture.App.Services.GetRequiredService<SmsSecrets>().Unprotect(settings.AuthTokenProtected));
    }

    [Fact]
    public async Task A_test_sms_goes_through_the_saved_account_and_a_bad_number_is_refused_before_twilio()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Tester");
        using var admin = fixture.App.NewClient();
        await admin.SignInAsync(company.AdminEmail, TenantSeed.Password);
        using var saved = await admin.SubmitAsync("/Settings/Sms", Form("true", TwilioTestServer.AccountSid, TwilioTestServer.AuthToken, Sender));
        var before = fixture.Twilio.Messages.Count;

        using var bad = await admin.SubmitAsync("/Settings/Sms?handler=Test", [new("TestTo", "12345")], "/Settings/Sms");
        Assert.StartsWith("Test number:", Html.FieldError(await bad.Content.ReadAsStringAsync(), "TestTo"), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Twilio.Messages.Count);

        using var sent = await admin.SubmitAsync("/Settings/Sms?handler=Test", [new("TestTo", "+49 151 23456789")], "/Settings/Sms");
        var result = Html.Element(await sent.Content.ReadAsStringAsync(), "id=\"test-result\"");
        Assert.StartsWith("Twilio accepted the test SMS to +4915123456789", result, StringComparison.Ordinal);
        var message = fixture.Twilio.Messages.Last();
        Assert.Equal(("+4915123456789", Sender), (message.To, message.From));
        Assert.Contains("Sms Tester: test message", message.Body, StringComparison.Ordinal);
        Assert.Contains(message.Sid, result, StringComparison.Ordinal);

        fixture.Twilio.InvalidNumbers.Add("+4915199999999");
        using var refused = await admin.SubmitAsync("/Settings/Sms?handler=Test", [new("TestTo", "+4915199999999")], "/Settings/Sms");
        Assert.Contains("error 21211", Html.Element(await refused.Content.ReadAsStringAsync(), "id=\"test-result\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_failures_list_only_the_companys_own_failed_sms_and_clerks_cannot_open_the_page()
    {
        var own = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Failures");
        var other = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Neighbour");
        await AddFailedSmsAsync(own.TenantId, "+4915111111111", "Twilio answered 400, error 21610: own failure");
        await AddFailedSmsAsync(other.TenantId, "+4915122222222", "Twilio answered 400, error 21610: neighbour failure");
        using var admin = fixture.App.NewClient();
        await admin.SignInAsync(own.AdminEmail, TenantSeed.Password);

        var page = await admin.GetPageAsync("/Settings/Sms");

        var rows = Html.Rows(page, "sms-failures");
        var row = Assert.Single(rows);
        Assert.Equal("+4915111111111", row[1]);
        Assert.Contains("own failure", row[3], StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour failure", page, StringComparison.Ordinal);

        using var clerk = fixture.App.NewClient();
        await clerk.SignInAsync(own.ClerkEmail, TenantSeed.Password);
        using var refused = await clerk.GetAsync("/Settings/Sms");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private Task<int> AddFailedSmsAsync(Guid tenantId, string to, string error) => fixture.WithDbAsync(tenantId, db =>
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = "sms:test:" + Guid.NewGuid().ToString("N"),
            Kind = MessageKind.Reminder,
            Channel = MessageChannel.Sms,
            ToAddresses = to,
            Subject = "SMS reminder (Neutral) to Pat",
            TextBody = "Overdue",
            MessageId = Guid.NewGuid().ToString("N") + "@test",
            Status = OutboxStatus.DeadLetter,
            LastError = error,
            NotBefore = DateTimeOffset.UtcNow,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        return db.SaveChangesAsync();
    });
}
