using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Sms;

/// <summary>
/// The SMS and call screens: mobile number and consent on the customer form and API, SMS and call channels in the
/// policy editor, the SMS template's live segment count, call outcomes on the worklist, the outbox's channel filter.
/// </summary>
public sealed class SmsChannelPagesTests(SmsFixture fixture) : IClassFixture<SmsFixture>
{
    private static KeyValuePair<string, string>[] CustomerForm(string name, string mobile, bool consent, string country = "DE") =>
    [
        new("Input.Name", name), new("Input.Currency", "EUR"), new("Input.PaymentTermsDays", "30"), new("Input.TimeZone", "Europe/Berlin"),
        new("Input.Country", country), new("Input.ContactName", "Anna Weber"), new("Input.ContactEmail", "anna@customer.example"),
        new("Input.ContactMobile", mobile), new("Input.ContactSmsConsent", consent ? "true" : "false"),
    ];

    private async Task<Infrastructure.WebClient> SignedInAsync(string email)
    {
        var client = fixture.App.NewClient();
        await client.SignInAsync(email, TenantSeed.Password);
        return client;
    }

    [Fact]
    public async Task An_invalid_mobile_or_consent_without_a_number_is_named_and_nothing_is_saved()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Mobile Typos");
        using var clerk = await SignedInAsync(company.ClerkEmail);

        using var bad = await clerk.SubmitAsync("/Customers/Edit", CustomerForm("Acme", "12345", consent: true));
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("\"12345\" is not a valid phone number", Html.FieldError(page, "Input.ContactMobile"), StringComparison.Ordinal);

        using var landline = await clerk.SubmitAsync("/Customers/Edit", CustomerForm("Acme", "030 12345678", consent: false));
        Assert.Contains("is not a mobile number", Html.FieldError(await landline.Content.ReadAsStringAsync(), "Input.ContactMobile"), StringComparison.Ordinal);

        using var noNumber = await clerk.SubmitAsync("/Customers/Edit", CustomerForm("Acme", "", consent: true));
        Assert.StartsWith("Enter the mobile number the contact agreed to receive SMS on", Html.FieldError(await noNumber.Content.ReadAsStringAsync(), "Input.ContactSmsConsent"), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.WithDbAsync(company.TenantId, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task A_mobile_is_stored_in_e164_with_who_recorded_consent_and_a_stop_reply_outranks_the_form()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Mobile Consent");
        using var clerk = await SignedInAsync(company.ClerkEmail);

        using var created = await clerk.SubmitAsync("/Customers/Edit", CustomerForm("Acme", "0151 23456789", consent: true));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var contact = await fixture.WithDbAsync(company.TenantId, db => db.Contacts.AsNoTracking().SingleAsync());
        Assert.Equal("+4915123456789", contact.Mobile);
        Assert.NotNull(contact.SmsConsentAt);
        Assert.Equal($"customer form by {company.ClerkEmail} for +4915123456789", contact.SmsConsentSource);
        var edit = $"/Customers/Edit/{contact.CustomerId}";
        Assert.Contains($"SMS consent recorded {contact.SmsConsentAt:yyyy-MM-dd HH:mm} UTC (customer form by {company.ClerkEmail}", Html.Element(await clerk.GetPageAsync(edit), "id=\"sms-status\""), StringComparison.Ordinal);

        // The customer replied STOP: the form says so, and ticking consent again does not lift it.
        var stoppedAt = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);
        await fixture.WithDbAsync(company.TenantId, db => db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(c => c.SmsOptedOutAt, stoppedAt)));
        var page = await clerk.GetPageAsync(edit);
        Assert.Equal("Opted out by replying STOP on 2026-11-20 09:15 UTC: no SMS until the customer replies START.", Html.Element(page, "id=\"sms-status\""));
        Assert.Contains("Opted out by replying STOP", await clerk.GetPageAsync($"/Customers/Details/{contact.CustomerId}"), StringComparison.Ordinal);
        using var again = await clerk.SubmitAsync(edit, CustomerForm("Acme", "+49 151 23456789", consent: true));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(stoppedAt, await fixture.WithDbAsync(company.TenantId, db => db.Contacts.Select(c => c.SmsOptedOutAt).SingleAsync()));

        // Unticking withdraws consent on a number without STOP.
        await fixture.WithDbAsync(company.TenantId, db => db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(c => c.SmsOptedOutAt, (DateTimeOffset?)null)));
        using var withdrawn = await clerk.SubmitAsync(edit, CustomerForm("Acme", "+4915123456789", consent: false));
        Assert.Null(await fixture.WithDbAsync(company.TenantId, db => db.Contacts.Select(c => c.SmsConsentAt).SingleAsync()));
    }

    [Fact]
    public async Task The_customer_api_validates_the_mobile_by_name_returns_consent_and_keeps_companies_apart()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Mobile Api");
        var other = await TenantSeed.CreateCompanyAsync(fixture.App, "Mobile Api Neighbour");
        using var api = ApiSeed.Client(fixture.App, (await ApiSeed.CreateKeyAsync(fixture.App, company.TenantId)).Secret);
        using var otherApi = ApiSeed.Client(fixture.App, (await ApiSeed.CreateKeyAsync(fixture.App, other.TenantId)).Secret);

        using var bad = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", currency = "EUR", contactName = "Anna Weber", contactEmail = "ap@acme.example", contactMobile = "call me", contactSmsConsent = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a phone number", (await ApiSeed.ReadAsync(bad)).GetProperty("errors").GetProperty("contactMobile")[0].GetString(), StringComparison.Ordinal);

        using var good = await api.PostAsJsonAsync("/api/v1/customers", new { name = "Acme", currency = "EUR", country = "DE", contactName = "Anna Weber", contactEmail = "ap@acme.example", contactMobile = "0151 23456789", contactSmsConsent = true });
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var body = await ApiSeed.ReadAsync(good);
        Assert.Equal("+4915123456789", body.GetProperty("mobile").GetString());
        Assert.StartsWith("API key ", body.GetProperty("smsConsentSource").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("smsConsentAt").ValueKind);
        var id = body.GetProperty("id").GetGuid();

        using var foreign = await otherApi.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var neighbour = await SignedInAsync(other.ClerkEmail);
        using var foreignPage = await neighbour.GetAsync($"/Customers/Edit/{id}");
        Assert.Equal(HttpStatusCode.NotFound, foreignPage.StatusCode);
        Assert.Equal(0, await fixture.WithDbAsync(other.TenantId, db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM contacts WHERE tenant_id = {0} AND mobile IS NOT NULL", company.TenantId).SingleAsync()));
    }

    [Fact]
    public async Task Policy_steps_take_sms_and_call_channels_and_saving_keeps_them()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Policy Channels");
        using var admin = await SignedInAsync(company.AdminEmail);
        var steps = await fixture.WithDbAsync(company.TenantId, db => db.ReminderSteps.AsNoTracking().OrderBy(s => s.OffsetDays).ToListAsync());
        var policyId = steps[0].PolicyId;
        List<KeyValuePair<string, string>> Form(Func<int, string[]> channels)
        {
            var fields = new List<KeyValuePair<string, string>> { new("Input.Name", "Standard") };
            for (var i = 0; i < steps.Count; i++)
            {
                fields.Add(new($"Input.Steps[{i}].Id", steps[i].Id.ToString()));
                fields.Add(new($"Input.Steps[{i}].OffsetDays", steps[i].OffsetDays.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new($"Input.Steps[{i}].Tone", ((int)steps[i].Tone).ToString(CultureInfo.InvariantCulture)));
                fields.AddRange(channels(i).Select(c => new KeyValuePair<string, string>($"Input.Steps[{i}].{c}", "true")));
            }

            return fields;
        }

        using var saved = await admin.SubmitAsync($"/Settings/ReminderPolicy/{policyId}", Form(i => steps[i].OffsetDays switch
        {
            7 => ["Email", "Sms"],
            14 => ["Sms", "CallTask"],
            _ => ["Email"],
        }));
        Assert.Contains("id=\"saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var actions = await fixture.WithDbAsync(company.TenantId, db => db.ReminderSteps.ToDictionaryAsync(s => s.OffsetDays, s => s.Actions));
        Assert.Equal(StepActions.Email | StepActions.Sms, actions[7]);
        Assert.Equal(StepActions.Sms | StepActions.CallTask, actions[14]);

        var page = await admin.GetPageAsync($"/Settings/ReminderPolicy/{policyId}");
        Assert.Contains("checked", Checkbox(page, "Input.Steps[3].CallTask"), StringComparison.Ordinal);
        Assert.Contains("checked", Checkbox(page, "Input.Steps[2].Sms"), StringComparison.Ordinal);
        Assert.DoesNotContain("checked", Checkbox(page, "Input.Steps[2].CallTask"), StringComparison.Ordinal);
    }

    private static string Checkbox(string page, string name) =>
        System.Text.RegularExpressions.Regex.Match(page, $"<input[^>]*name=\"{System.Text.RegularExpressions.Regex.Escape(name)}\"[^>]*>").Value is { Length: > 0 } tag ? tag : throw new Xunit.Sdk.XunitException($"no checkbox {name}");

    [Fact]
    public async Task The_sms_template_editor_measures_the_rendered_text_as_the_sender_does_and_names_template_errors()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Sms Texts");
        var customer = await LedgerSeed.AddOverdueCustomerAsync(fixture.App, company.TenantId, "Acme", "INV-1", 100m, 5);
        using var admin = await SignedInAsync(company.AdminEmail);
        const string Page = "/Settings/SmsTemplates?tone=Neutral&language=en";

        var shipped = await admin.GetPageAsync(Page);
        Assert.Contains("Sms Texts: 1 invoice(s) overdue. See and pay: http", Html.Element(shipped, "id=\"sms-preview\""), StringComparison.Ordinal);

        async Task<JsonElement> MeasureAsync(string body)
        {
            using var response = await admin.SubmitAsync("/Settings/SmsTemplates?handler=Measure",
                [new("Tone", "Neutral"), new("Language", "en"), new("Body", body), new("PreviewCustomerId", customer.ToString())], Page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ApiSeed.ReadAsync(response);
        }

        var gsm = await MeasureAsync("{{ tenant.name }} owes {{ invoice_count }}"); // "Sms Texts owes 1": 16 characters
        Assert.Equal(("Sms Texts owes 1", "GSM-7", 16, 1), (gsm.GetProperty("text").GetString(), gsm.GetProperty("encoding").GetString(), gsm.GetProperty("units").GetInt32(), gsm.GetProperty("segments").GetInt32()));
        var escaped = await MeasureAsync(new string('a', 150) + "€{}[]"); // five extension characters, two units each
        Assert.Equal((160, 1), (escaped.GetProperty("units").GetInt32(), escaped.GetProperty("segments").GetInt32()));
        var split = await MeasureAsync(new string('a', 161));
        Assert.Equal(2, split.GetProperty("segments").GetInt32());
        var unicode = await MeasureAsync(new string('a', 70) + "✓");
        Assert.Equal(("UCS-2", 71, 2), (unicode.GetProperty("encoding").GetString(), unicode.GetProperty("units").GetInt32(), unicode.GetProperty("segments").GetInt32()));
        var broken = await MeasureAsync("{{ tenant.name ");
        Assert.Contains("Syntax error", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);

        using var refused = await admin.SubmitAsync("/Settings/SmsTemplates?handler=Save", [new("Tone", "Neutral"), new("Language", "en"), new("Body", "{{ tenant.name ")], Page);
        Assert.Contains("Syntax error", Html.FieldError(await refused.Content.ReadAsStringAsync(), "Body"), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.WithDbAsync(company.TenantId, db => db.SmsTemplates.CountAsync()));
        using var saved = await admin.SubmitAsync("/Settings/SmsTemplates?handler=Save", [new("Tone", "Neutral"), new("Language", "en"), new("Body", "{{ tenant.name }}: please pay {{ portal_url }} STOP to opt out")], Page);
        Assert.Contains("id=\"saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("{{ tenant.name }}: please pay {{ portal_url }} STOP to opt out", await fixture.WithDbAsync(company.TenantId, db => db.SmsTemplates.Where(t => t.Tone == ReminderTone.Neutral && t.Language == "en").Select(t => t.Body).SingleAsync()));
    }

    [Fact]
    public async Task A_clerk_records_a_call_outcome_on_the_worklist_a_promise_needs_its_date_and_another_companys_task_is_not_found()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Call Desk");
        var other = await TenantSeed.CreateCompanyAsync(fixture.App, "Call Desk Neighbour");
        var (customerId, taskId) = await fixture.AddCallTaskAsync(company.TenantId, "Acme", "INV-7", 1500m);
        var (_, foreignTask) = await fixture.AddCallTaskAsync(other.TenantId, "Globex", "INV-9", 900m);
        using var clerk = await SignedInAsync(company.ClerkEmail);

        var worklist = System.Net.WebUtility.HtmlDecode(await clerk.GetPageAsync("/Worklist?all=true"));
        Assert.Contains("Call Pat Payables at Acme on +4915112345678.", worklist, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", worklist, StringComparison.Ordinal);

        using var noDate = await clerk.SubmitAsync("/Worklist?handler=CallOutcome&all=true", [new("CallResult.TaskId", taskId.ToString()), new("CallResult.Outcome", "Promise")], "/Worklist?all=true");
        Assert.Contains("Enter the date the customer promised to pay (today or later).", Html.Element(await noDate.Content.ReadAsStringAsync(), "class=\"text-danger small call-error\""), StringComparison.Ordinal);
        Assert.Equal(CollectionTaskStatus.Open, await fixture.WithDbAsync(company.TenantId, db => db.CollectionTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync()));

        using var foreign = await clerk.SubmitAsync("/Worklist?handler=CallOutcome&all=true", [new("CallResult.TaskId", foreignTask.ToString()), new("CallResult.Outcome", "Reached")], "/Worklist?all=true");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(CollectionTaskStatus.Open, await fixture.WithDbAsync(other.TenantId, db => db.CollectionTasks.Select(t => t.Status).SingleAsync()));

        var date = LedgerSeed.Today(fixture.App).AddDays(7);
        using var promised = await clerk.SubmitAsync("/Worklist?handler=CallOutcome&all=true",
            [new("CallResult.TaskId", taskId.ToString()), new("CallResult.Outcome", "Promise"), new("CallResult.PromisedDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("CallResult.Note", "Pays after the board meeting")],
            "/Worklist?all=true");
        Assert.Equal(HttpStatusCode.Redirect, promised.StatusCode);
        var task = await fixture.WithDbAsync(company.TenantId, db => db.CollectionTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal((CollectionTaskStatus.Done, CallOutcome.Promise), (task.Status, task.CallOutcome));
        var promise = await fixture.WithDbAsync(company.TenantId, db => db.Promises.AsNoTracking().SingleAsync(p => p.CustomerId == customerId));
        Assert.Equal((date, 1500m), (promise.PromisedDate, promise.Amount));
        Assert.Equal("Pays after the board meeting", await fixture.WithDbAsync(company.TenantId, db => db.Activities.Where(a => a.CustomerId == customerId && a.Type == ActivityType.PromiseToPay).Select(a => a.Body).SingleAsync()));
        var after = System.Net.WebUtility.HtmlDecode(await clerk.GetPageAsync("/Worklist?all=true"));
        Assert.Contains("Call with Acme recorded: promise to pay.", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-call-task=\"{taskId}\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_shows_each_messages_channel_and_filters_by_it()
    {
        var company = await TenantSeed.CreateCompanyAsync(fixture.App, "Outbox Channels");
        await fixture.WithDbAsync(company.TenantId, db =>
        {
            foreach (var (channel, to, subject) in new[] { (MessageChannel.Email, "ap@acme.example", "Reminder by mail"), (MessageChannel.Sms, "+4915123456789", "SMS reminder (Neutral) to Anna") })
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = Guid.CreateVersion7(),
                    IdempotencyKey = $"{channel}:{Guid.NewGuid():N}",
                    Kind = MessageKind.Reminder,
                    Channel = channel,
                    ToAddresses = to,
                    Subject = subject,
                    TextBody = "Overdue",
                    MessageId = Guid.NewGuid().ToString("N") + "@test",
                    Status = OutboxStatus.Sent,
                    ProviderStatus = channel == MessageChannel.Sms ? "delivered" : null,
                    NotBefore = DateTimeOffset.UtcNow,
                    SentAt = DateTimeOffset.UtcNow,
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }

            return db.SaveChangesAsync();
        });
        using var clerk = await SignedInAsync(company.ClerkEmail);

        Assert.Equal(["Email", "SMS"], Html.Rows(await clerk.GetPageAsync("/Outbox"), "outbox").Select(r => r[0]).Order().ToArray());
        var sms = Assert.Single(Html.Rows(await clerk.GetPageAsync("/Outbox?channel=Sms"), "outbox"));
        Assert.Equal(("SMS", "+4915123456789"), (sms[0], sms[2]));
        Assert.Contains("Twilio: delivered", sms[4], StringComparison.Ordinal);
        var email = Assert.Single(Html.Rows(await clerk.GetPageAsync("/Outbox?channel=Email&status=Sent"), "outbox"));
        Assert.Equal("Email", email[0]);
    }
}
