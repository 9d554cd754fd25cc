using System.Data.Common;
using System.Text;
using ArCollect.Domain.Activities;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Imports;
using ArCollect.IntegrationTests.Email;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ArCollect.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stopped in the middle of the send job, a reminder run and an import, then started again: each either
/// completes after the restart or leaves nothing half-written, and nothing is sent or recorded twice except where
/// SMTP itself cannot tell (documented in docs/operations.md).
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly StoppablePostgres postgres = new();
    private readonly int smtpPort = SmtpTestServer.FreePort();
    private readonly StopBeforeCommand trap;
    private readonly TestDatabase db;
    private readonly ITestOutputHelper output;
    private SmtpTestServer smtp = null!;
    private OutboxTestKit kit = null!;
    private Guid tenant;

    public DatabaseOutageTests(ITestOutputHelper output)
    {
        this.output = output;
        trap = new StopBeforeCommand(postgres);
        db = new TestDatabase
        {
            CreateDatabase = postgres.StartAsync,
            ConfigureServices = services =>
            {
                OutboxTestKit.AddEmail(services, smtpPort);
                services.ConfigureDbContext<ArCollectDbContext>(options => options.AddInterceptors(trap));
            },
        };
    }

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        smtp = await SmtpTestServer.StartAsync(smtpPort);
        kit = new OutboxTestKit(db, smtp);
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Outage Trading");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await db.DisposeAsync();
        await postgres.RemoveAsync();
    }

    private Task RestartAsync() => postgres.RestartAsync(db.Services.GetRequiredService<NpgsqlDataSource>());

    private static async Task<Exception?> FailureOf(Func<Task> work)
    {
        try
        {
            await work();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex;
        }
    }

    [Fact]
    public async Task Send_job_with_the_database_stopped_after_the_smtp_server_accepted_a_message_delivers_every_message_under_its_own_message_id()
    {
        var messages = await kit.EnqueueAsync(tenant, 6);
        var accepted = 0;
        smtp.OnAccepted = async _ =>
        {
            if (Interlocked.Increment(ref accepted) == 2)
            {
                await postgres.StopAsync(); // before the server answers 250: the sender cannot record the result
            }
        };

        var failure = await FailureOf(kit.RunJobAsync);
        smtp.OnAccepted = null;
        await RestartAsync();
        var runs = 1;
        while (runs < 10 && (await kit.RowsAsync(tenant)).Any(r => r.Status != OutboxStatus.Sent))
        {
            db.Time.Advance(TimeSpan.FromMinutes(6)); // past the 5-minute hold of the interrupted claim
            await kit.RunJobAsync();
            runs++;
        }

        var deliveries = kit.DeliveriesByMessageId();
        var lost = messages.Count(m => !deliveries.ContainsKey(m.MessageId!));
        var doubled = deliveries.Values.Sum(n => n - 1);
        output.WriteLine($"send job, database stopped after SMTP acceptance: failure={failure?.GetType().Name}, runs={runs}, lost={lost}, doubled={doubled}");
        Assert.All(await kit.RowsAsync(tenant), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(0, lost);
        Assert.Equal(messages.Select(m => m.MessageId!).Order(), deliveries.Keys.Order()); // never a new Message-ID
        // Only the message in the window between the server's acceptance and the commit goes out again, same Message-ID.
        Assert.Equal(1, doubled);
        Assert.Single(deliveries.Values, n => n == 2); // which one depends on the sender's order, not on the keys' order
    }

    [Fact]
    public async Task Reminder_run_with_the_database_stopped_while_it_writes_messages_completes_on_the_next_run_with_one_reminder_per_customer()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, $"Late Payer {i}");
            await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, $"OUT-{i}", 100m + i, db.Today.AddDays(-40), db.Today.AddDays(-10));
            customers.Add(customer.Id);
        }

        trap.Arm("outbox_messages");
        var failure = await FailureOf(async () =>
        {
            await using var scope = db.ForTenant(tenant);
            await scope.Services.GetRequiredService<ReminderRunner>().RunAsync(CancellationToken.None);
        });
        Assert.Equal(1, postgres.Stops);
        await RestartAsync();
        var (afterOutage, activitiesAfterOutage) = await CountsAsync();
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Services.GetRequiredService<ReminderRunner>().RunAsync(CancellationToken.None);
        }

        var (reminders, activities) = await CountsAsync();
        output.WriteLine($"reminder run, database stopped at its first outbox write: failure={failure?.GetType().Name}, kept before restart={afterOutage.Count} reminders and {activitiesAfterOutage} activities, runs=2, reminders={reminders.Count}, activities={activities}");
        Assert.NotNull(failure);
        Assert.Equal((0, 0), (afterOutage.Count, activitiesAfterOutage)); // the interrupted run kept nothing
        Assert.Equal(customers.Order(), reminders.Order());
        Assert.Equal(reminders.Count, activities);
    }

    private async Task<(List<Guid> ReminderCustomers, int ReminderActivities)> CountsAsync()
    {
        await using var scope = db.ForTenant(tenant);
        var reminders = await scope.Db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MessageKind.Reminder).Select(m => m.CustomerId!.Value).ToListAsync();
        var activities = await scope.Db.Activities.CountAsync(a => a.Type == ActivityType.Reminder);
        return (reminders, activities);
    }

    [Fact]
    public async Task Import_with_the_database_stopped_halfway_through_the_file_keeps_nothing_and_the_same_file_then_imports_once()
    {
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Import Target");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, "IMP-1"));
        }

        var csv = new StringBuilder("invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price,tax_rate,terms\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(FormattableString.Invariant($"IMP-{i:D5},IMP-1,2026-05-01,2026-05-31,EUR,Service {i},1,{10 + (i % 90)}.50,19,\n"));
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var interrupted = await FailureOf(() => ImportAsync(new StopHalfway(bytes, postgres)));
        await RestartAsync();
        var kept = await InvoiceCountAsync();
        var report = await ImportAsync(new MemoryStream(bytes));
        var again = await ImportAsync(new MemoryStream(bytes));

        output.WriteLine($"import, database stopped halfway through the file: failure={interrupted?.GetType().Name}, kept={kept}, runs=2, created={report.Created}, then {again.Created} created, {again.AlreadyImported} already imported");
        Assert.NotNull(interrupted);
        Assert.Equal(0, kept);
        Assert.Equal((true, 5000), (report.Committed, report.Created));
        Assert.Equal((0, 5000), (again.Created, again.AlreadyImported));
        Assert.Equal(5000, await InvoiceCountAsync());
    }

    private async Task<ImportReport> ImportAsync(Stream csv)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<InvoiceCsvImporter>().ImportAsync(csv, ImportMode.AllOrNothing, null, CancellationToken.None);
    }

    private async Task<int> InvoiceCountAsync()
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.Invoices.CountAsync();
    }

    /// <summary>Stops the server right before the first command that touches the armed table, once.</summary>
    private sealed class StopBeforeCommand(StoppablePostgres postgres) : DbCommandInterceptor
    {
        private string? table;

        public void Arm(string tableName) => table = tableName;

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await StopIfArmedAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await StopIfArmedAsync(command);
            return result;
        }

        private async Task StopIfArmedAsync(DbCommand command)
        {
            if (table is not null && command.CommandText.Contains("INSERT INTO " + table, StringComparison.OrdinalIgnoreCase))
            {
                table = null;
                await postgres.StopAsync();
            }
        }
    }

    /// <summary>A CSV stream that stops the server once half of it has been read, while the import is copying rows.</summary>
    private sealed class StopHalfway(byte[] content, StoppablePostgres postgres) : MemoryStream(content, writable: false)
    {
        private bool stopped;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await StopIfHalfwayAsync();
            return await base.ReadAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            StopIfHalfwayAsync().GetAwaiter().GetResult();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            StopIfHalfwayAsync().GetAwaiter().GetResult();
            return base.Read(buffer);
        }

        private async Task StopIfHalfwayAsync()
        {
            if (!stopped && Position >= Length / 2)
            {
                stopped = true;
                await postgres.StopAsync();
            }
        }
    }
}
