using ArCollect.Infrastructure.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static ArCollect.IntegrationTests.Dunning.DunningTestData;

namespace ArCollect.IntegrationTests.Dunning;

public sealed class ReminderRunFailureTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task AdminSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Database_failure_in_the_middle_of_a_run_keeps_finished_batches_and_the_next_run_completes_without_duplicates()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Northwind Supplies");
        foreach (var name in new[] { "Alpha", "Crash", "Gamma" })
        {
            var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
            await AddOverdueAsync(db, tenant, customer, $"{name}-1", 8);
        }

        // The database refuses the second customer's message, as a server going away mid-run would abort its transaction.
        await AdminSqlAsync("""
            CREATE FUNCTION refuse_crash() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.to_addresses LIKE '%crash%' THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_crash BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION refuse_crash();
            """);
        await using (var scope = db.ForTenant(tenant))
        {
            var runner = new ReminderRunner(scope.Db, scope.Services.GetRequiredService<ReminderTemplateEngine>(), db.Time,
                Options.Create(new DunningOptions { BatchSize = 1 }), NullLogger<ReminderRunner>.Instance);
            await Assert.ThrowsAsync<PostgresException>(() => runner.RunAsync(CancellationToken.None));
        }

        Assert.Equal(["Alpha"], await CustomersWithMessagesAsync(tenant));
        await AdminSqlAsync("DROP TRIGGER refuse_crash ON outbox_messages; DROP FUNCTION refuse_crash();");

        await RunAsync(db, tenant);

        Assert.Equal(["Alpha", "Crash", "Gamma"], await CustomersWithMessagesAsync(tenant));
        await using var check = db.ForTenant(tenant);
        Assert.Equal(3, await check.Db.ReminderLog.CountAsync());
    }

    private async Task<List<string>> CustomersWithMessagesAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Db.OutboxMessages.Join(scope.Db.Customers, m => m.CustomerId, c => c.Id, (m, c) => c.Name).OrderBy(n => n).ToListAsync();
    }
}
