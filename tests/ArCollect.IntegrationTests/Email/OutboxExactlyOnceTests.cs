using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Jobs;
using ArCollect.IntegrationTests.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Email;

/// <summary>
/// Exactly-once delivery through a real SMTP server (in process) when things go wrong: saves that fail, sends that
/// outlast the claim's hold, refused recipients, and a relay down for hours. One delivery per Message-ID.
/// </summary>
public sealed class OutboxExactlyOnceTests : IAsyncLifetime
{
    private readonly int smtpPort = SmtpTestServer.FreePort();
    private readonly TestDatabase db;
    private SmtpTestServer smtp = null!;
    private OutboxTestKit kit = null!;
    private Guid tenant;
    private Guid other;

    public OutboxExactlyOnceTests() => db = new TestDatabase { ConfigureServices = s => OutboxTestKit.AddEmail(s, smtpPort) };

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync(smtpPort);
        kit = new OutboxTestKit(db, smtp);
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
        other = await LedgerBuilder.CreateTenantAsync(db, "Other Trading");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task Delivered_message_whose_timeline_entry_cannot_be_saved_is_recorded_sent_and_never_sent_again()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await kit.EnqueueAsync(tenant, 2, acme.Id);
        await kit.AdminSqlAsync("""
            CREATE FUNCTION refuse_activity() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$;
            CREATE TRIGGER refuse_activity BEFORE INSERT ON activities FOR EACH ROW EXECUTE FUNCTION refuse_activity();
            """);

        for (var run = 0; run < 4; run++)
        {
            await kit.SendAsync(tenant);
            db.Time.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Equal([1, 1], kit.DeliveriesByMessageId().Values);
        Assert.All(await kit.RowsAsync(tenant), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Bounce_for_a_customer_with_a_long_name_dead_letters_once_and_gives_a_task_that_fits()
    {
        var longName = "Consolidated " + new string('x', 180);
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Long");
        var address = "accounts.payable.department.for.a.customer.with.a.long.name@billing.some-long-domain-name.example";
        await DunningTestData.UpdateCustomerAsync(db, tenant, customer.Id, c => (c.Name, c.Contacts[0].Email) = (longName, address));
        await kit.EnqueueAsync(tenant, 1, customer.Id, address);
        await smtp.RejectAsync(address);

        for (var run = 0; run < 3; run++)
        {
            await kit.SendAsync(tenant);
            db.Time.Advance(TimeSpan.FromMinutes(6));
        }

        var row = Assert.Single(await kit.RowsAsync(tenant));
        Assert.Equal((OutboxStatus.DeadLetter, 1), (row.Status, row.Attempts));
        var task = Assert.Single(await DunningTestData.TasksAsync(db, tenant));
        Assert.StartsWith($"Email to {address} bounced", task.Title, StringComparison.Ordinal);
        Assert.Equal(300, task.Title.Length);
    }

    [Fact]
    public async Task Message_whose_result_can_never_be_saved_is_dead_lettered_at_the_attempt_cap_and_other_tenants_still_get_theirs()
    {
        await kit.EnqueueAsync(tenant, 1);
        await kit.EnqueueAsync(other, 2);
        await kit.AdminSqlAsync($"""
            CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.status = 'Sent' AND NEW.tenant_id = '{tenant}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_sent BEFORE UPDATE ON outbox_messages FOR EACH ROW EXECUTE FUNCTION refuse_sent();
            """);

        for (var run = 0; run < 12; run++)
        {
            await kit.RunJobAsync();
            db.Time.Advance(TimeSpan.FromMinutes(6));
        }

        var stuck = Assert.Single(await kit.RowsAsync(tenant));
        Assert.Equal(OutboxStatus.DeadLetter, stuck.Status);
        Assert.Equal(RetryPolicy.MaxAttempts, kit.DeliveriesByMessageId()[stuck.MessageId]);
        Assert.All(await kit.RowsAsync(other), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(3, kit.DeliveriesByMessageId().Count);
        var failure = (await kit.JobRunsAsync(tenant))[0];
        Assert.Equal((OutboxSendJob.RecurringId, JobOutcome.Failed, RetryPolicy.MaxAttempts), (failure.Job, failure.Outcome, failure.Occurrences));
        Assert.Contains("simulated failure", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await kit.JobRunsAsync(other));
    }

    [Fact]
    public async Task Send_outlasting_the_hold_is_not_taken_over_by_a_second_sender()
    {
        await kit.EnqueueAsync(tenant, 3);
        var secondRuns = new List<int>();
        var inSecond = false;
        smtp.OnAccepted = async _ =>
        {
            if (inSecond)
            {
                return;
            }

            // Each message takes three minutes to be accepted; meanwhile another sender looks for work.
            db.Time.Advance(TimeSpan.FromMinutes(3));
            inSecond = true;
            secondRuns.Add(await kit.SendAsync(tenant));
            inSecond = false;
        };

        var first = await kit.SendAsync(tenant);

        Assert.Equal(3, first);
        Assert.Equal([0, 0, 0], secondRuns);
        Assert.Equal([1, 1, 1], kit.DeliveriesByMessageId().Values);
        Assert.All(await kit.RowsAsync(tenant), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task One_refused_recipient_of_two_still_lets_the_other_receive_it_and_flags_only_the_refused_contact()
    {
        var acme = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await using (var write = db.ForTenant(tenant))
        {
            write.Db.Contacts.Add(new ArCollect.Domain.Customers.Contact { Id = Guid.CreateVersion7(), CustomerId = acme.Id, Name = "Gone", Email = "gone@acme.example" });
            await write.Db.SaveChangesAsync();
        }

        await kit.EnqueueAsync(tenant, 1, acme.Id, "ap@acme.example, gone@acme.example");
        await smtp.RejectAsync("gone@acme.example");

        Assert.Equal(1, await kit.SendAsync(tenant));

        Assert.Equal(["ap@acme.example"], Assert.Single(smtp.Recipients()));
        var row = Assert.Single(await kit.RowsAsync(tenant));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Contains("gone@acme.example", row.LastError, StringComparison.Ordinal);
        await using var scope = db.ForTenant(tenant);
        var bounced = await scope.Db.Contacts.Where(c => c.Bounced).Select(c => c.Email).ToListAsync();
        Assert.Equal(["gone@acme.example"], bounced);
    }

    [Fact]
    public async Task Relay_down_longer_than_the_retry_budget_keeps_messages_waiting_alerts_the_admin_and_delivers_once_when_back()
    {
        await kit.EnqueueAsync(tenant, 2);
        await smtp.StopAsync();

        // Six hours: longer than every retry of a failing delivery put together (about four and a quarter hours).
        for (var minutes = 0; minutes < 6 * 60; minutes += 5)
        {
            await kit.RunJobAsync();
            db.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var waiting = await kit.RowsAsync(tenant);
        Assert.All(waiting, r => Assert.Equal((OutboxStatus.Pending, 0), (r.Status, r.Attempts)));
        var alert = Assert.Single(await kit.JobRunsAsync(tenant));
        Assert.Equal(JobOutcome.Failed, alert.Outcome);
        Assert.StartsWith("The mail server could not be reached", alert.Message, StringComparison.Ordinal);
        Assert.True(alert.Occurrences > 10);

        await smtp.RestartAsync();
        db.Time.Advance(TimeSpan.FromMinutes(15));
        await kit.RunJobAsync();
        await kit.RunJobAsync();

        Assert.Equal([1, 1], kit.DeliveriesByMessageId().Values);
        Assert.All(await kit.RowsAsync(tenant), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal([JobOutcome.Failed, JobOutcome.Succeeded], (await kit.JobRunsAsync(tenant)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task Send_job_does_not_run_twice_at_once_for_a_tenant()
    {
        await kit.EnqueueAsync(tenant, 1);
        var job = db.Services.GetRequiredService<OutboxSendJob>();
        await using var running = new Npgsql.NpgsqlConnection(db.AdminConnectionString);
        await running.OpenAsync();
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock(hashtextextended('outbox-send:{tenant}', 0))", running))
        {
            await hold.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await job.RunAsync(tenant, CancellationToken.None));
        Assert.Empty(smtp.Received());

        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock(hashtextextended('outbox-send:{tenant}', 0))", running))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await job.RunAsync(tenant, CancellationToken.None));
    }
}
