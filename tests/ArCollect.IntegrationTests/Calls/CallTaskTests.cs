using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Calls;
using ArCollect.IntegrationTests.Infrastructure;
using ArCollect.IntegrationTests.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;
using static ArCollect.IntegrationTests.Sms.SmsTestKit;

namespace ArCollect.IntegrationTests.Calls;

/// <summary>Policy steps that create call tasks with a script, and their one-click outcomes feeding the reminder rules.</summary>
public sealed class CallTaskTests : IAsyncLifetime
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
        await ConfigureAsync(db, tenant, extra: StepActions.CallTask | StepActions.Sms);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await twilio.DisposeAsync();
    }

    private async Task<CollectionTask> CallTaskAsync() => Assert.Single(await TasksAsync(db, tenant), t => t.IsCall);

    private async Task<CallOutcomeResult> RecordAsync(CallOutcomeInput input)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<CallOutcomes>().RecordAsync(input, db.Today, CancellationToken.None);
    }

    [Fact]
    public async Task A_call_step_puts_a_task_with_the_reminders_facts_on_the_worklist()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1, 1200m);
        await AddOverdueAsync(db, tenant, acme, "INV-2", 1, 300.5m);

        await RunAsync(db, tenant);

        var task = await CallTaskAsync();
        Assert.Equal("Call Acme: EUR 1,500.50 overdue", task.Title);
        Assert.Equal(CollectionTaskStatus.Open, task.Status);
        Assert.Equal(
            "Call Anna Weber at Acme on +4915112345678.\n" +
            "Overdue: EUR 1,500.50 on 2 invoice(s).\n" +
            "- INV-1, due 2026-06-14, 1 day overdue: EUR 1,200.00\n" +
            "- INV-2, due 2026-06-14, 1 day overdue: EUR 300.50\n" +
            "Promises: none so far.\n" +
            "Disputes: none open.\n" +
            "Last reply: none.\n" +
            "Ask when the payment will be made; record the outcome below.", task.CallScript!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_promise_from_the_call_pauses_reminders_until_its_date()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1, 400m);
        await RunAsync(db, tenant);
        var task = await CallTaskAsync();

        var result = await RecordAsync(new CallOutcomeInput(task.Id, CallOutcome.Promise, db.Today.AddDays(10)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(CallOutcome.Promise, (await TasksAsync(db, tenant)).Single(t => t.Id == task.Id).CallOutcome);
        await using (var scope = db.ForTenant(tenant))
        {
            var promise = await scope.Db.Promises.AsNoTracking().SingleAsync();
            Assert.Equal((db.Today.AddDays(10), 400m, "EUR"), (promise.PromisedDate, promise.Amount, promise.Currency));
        }

        Assert.Contains("Call: promise to pay EUR 400.00 by 2026-06-25; reminders pause until then", await TimelineAsync(db, tenant, acme.Id));

        // A week later the +7 step would be due: the promise holds it back.
        db.Time.Advance(TimeSpan.FromDays(7));
        var before = (await OutboxAsync(db, tenant)).Count;
        await RunAsync(db, tenant);
        Assert.Equal(before, (await OutboxAsync(db, tenant)).Count);
    }

    [Fact]
    public async Task A_promise_without_a_date_is_refused_naming_the_field_and_the_task_stays_open()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        var task = await CallTaskAsync();

        var result = await RecordAsync(new CallOutcomeInput(task.Id, CallOutcome.Promise, null));

        Assert.Equal("PromisedDate", result.Field);
        Assert.Equal(CollectionTaskStatus.Open, (await CallTaskAsync()).Status);
    }

    [Fact]
    public async Task A_wrong_number_flags_the_contact_and_stops_sms_to_it()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        var task = await CallTaskAsync();

        Assert.True((await RecordAsync(new CallOutcomeInput(task.Id, CallOutcome.WrongNumber))).Succeeded);

        await using (var scope = db.ForTenant(tenant))
        {
            Assert.Equal(db.Time.GetUtcNow(), (await scope.Db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == acme.Id)).WrongNumberAt);
        }

        Assert.Contains(await TasksAsync(db, tenant), t => t.Title == "Find a working phone number" && t.Status == CollectionTaskStatus.Open);

        // The next step's SMS is not sent to the flagged number.
        await AddOverdueAsync(db, tenant, acme, "INV-2", 1);
        db.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync(db, tenant);
        Assert.Single(await SmsRowsAsync(db, tenant));
        Assert.Contains("SMS skipped: Anna Weber +4915112345678 was flagged as a wrong number on 2026-06-15.", await TimelineAsync(db, tenant, acme.Id));
    }

    [Fact]
    public async Task A_dispute_from_the_call_opens_one_on_the_calls_invoices()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1, 250m);
        await RunAsync(db, tenant);
        var task = await CallTaskAsync();
        string code;
        await using (var scope = db.ForTenant(tenant))
        {
            code = (await ArCollect.Infrastructure.Disputes.DisputeSetup.ReasonCodesAsync(scope.Db, CancellationToken.None)).Keys.First();
        }

        var result = await RecordAsync(new CallOutcomeInput(task.Id, CallOutcome.Dispute, ReasonCode: code, Note: "Says the goods arrived damaged."));

        Assert.True(result.Succeeded, result.Error);
        await using var check = db.ForTenant(tenant);
        var dispute = await check.Db.Disputes.AsNoTracking().Include(d => d.Items).SingleAsync();
        Assert.Equal(250m, dispute.Amount);
        Assert.Equal("Says the goods arrived damaged.", dispute.Notes);
        Assert.Equal(250m, (await check.Db.Invoices.AsNoTracking().SingleAsync(i => i.Number == "INV-1")).DisputedAmount);
        Assert.Contains("Call: the customer disputes INV-1; dispute opened", await TimelineAsync(db, tenant, acme.Id));
    }

    [Fact]
    public async Task Another_tenant_cannot_record_an_outcome_on_the_call_task()
    {
        var acme = await CustomerAsync(db, tenant, "Acme", "+4915112345678");
        await AddOverdueAsync(db, tenant, acme, "INV-1", 1);
        await RunAsync(db, tenant);
        var task = await CallTaskAsync();
        var other = await LedgerBuilder.CreateTenantAsync(db, "Contoso");

        await using (var scope = db.ForTenant(other))
        {
            var result = await scope.Services.GetRequiredService<CallOutcomes>().RecordAsync(new CallOutcomeInput(task.Id, CallOutcome.Reached), db.Today, CancellationToken.None);
            Assert.True(result.NotFound);
        }

        Assert.Equal(CollectionTaskStatus.Open, (await CallTaskAsync()).Status);
        Assert.Equal(MessageChannel.Sms, Assert.Single(await SmsRowsAsync(db, tenant)).Channel);
    }
}
