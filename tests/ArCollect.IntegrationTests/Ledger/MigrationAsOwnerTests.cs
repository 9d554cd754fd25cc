using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ArCollect.IntegrationTests.Ledger;

/// <summary>
/// A managed PostgreSQL gives the database owner neither SUPERUSER nor BYPASSRLS: the migrations that backfill the
/// ledger must still see every tenant's rows through forced row-level security.
/// </summary>
public sealed class MigrationAsOwnerTests
{
    private const string BeforeLedgerIntegrity = "20261202085614_AlertAcknowledgements";

    [Fact]
    public async Task The_daily_facts_backfill_sees_every_tenant_when_the_owner_is_neither_superuser_nor_bypassrls()
    {
        var server = await PostgresServer.GetAsync();
        var admin = new NpgsqlConnectionStringBuilder(await server.CreateEmptyDatabaseAsync());
        var owner = $"owner_{Guid.NewGuid():N}"[..20];
        var database = $"managed_{Guid.NewGuid():N}"[..30];
        var postgres = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(postgres, $"CREATE ROLE {owner} LOGIN PASSWORD 'owner-password' NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
        await ExecuteAsync(postgres, $"CREATE DATABASE {database} OWNER {owner}");
        var asOwner = new NpgsqlConnectionStringBuilder(admin.ConnectionString)
        {
            Database = database,
            Username = owner,
            Password = "owner-password",
            Pooling = false,
        }.ConnectionString;

        await using (var dataSource = new NpgsqlDataSourceBuilder(asOwner).Build())
        await using (var context = DatabaseMigrator.CreateOwnerContext(dataSource))
        {
            await context.GetService<IMigrator>().MigrateAsync(BeforeLedgerIntegrity);
        }

        // Row-level security as the app installs it (forced, so it binds the owner too), then a ledger for two tenants.
        var tenants = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        await ExecuteAsync(asOwner, string.Join("\n", new[] { "customers", "invoices", "invoice_lines", "payments", "payment_allocations", "credit_notes", "write_offs", "ledger_daily_facts" }
            .Select(t => $"""
                ALTER TABLE {t} ENABLE ROW LEVEL SECURITY; ALTER TABLE {t} FORCE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON {t} USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
                """)));
        foreach (var (tenant, index) in tenants.Select((t, i) => (t, i)))
        {
            var (customer, invoice, payment) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
            await ExecuteAsync(asOwner, $"""
                BEGIN;
                INSERT INTO tenants (id, name, base_currency, time_zone, created_at) VALUES ('{tenant}', 'Managed {index}', 'EUR', 'Etc/UTC', now());
                SELECT set_config('app.tenant_id', '{tenant}', true);
                INSERT INTO customers (id, tenant_id, name, currency, payment_terms_days, time_zone, created_at, updated_at, do_not_contact, is_key_account, on_credit_hold)
                VALUES ('{customer}', '{tenant}', 'Customer', 'EUR', 30, 'Etc/UTC', now(), now(), false, false, false);
                INSERT INTO invoices (id, tenant_id, customer_id, number, state, issue_date, due_date, currency, subtotal, tax_total, total,
                                      amount_paid, amount_credited, amount_written_off, is_disputed, created_at, updated_at)
                VALUES ('{invoice}', '{tenant}', '{customer}', 'INV-1', 'Issued', '2026-03-01', '2026-03-31', 'EUR', 500, 0, 500, 200, 0, 0, false, now(), now());
                INSERT INTO payments (id, tenant_id, customer_id, reference, received_on, amount, currency, method, unapplied_amount, created_at)
                VALUES ('{payment}', '{tenant}', '{customer}', 'P-1', '2026-03-20', 200, 'EUR', 'BankTransfer', 0, now());
                INSERT INTO payment_allocations (id, tenant_id, payment_id, invoice_id, amount) VALUES (gen_random_uuid(), '{tenant}', '{payment}', '{invoice}', 200);
                COMMIT;
                """);
        }

        await using (var dataSource = new NpgsqlDataSourceBuilder(asOwner).Build())
        await using (var context = DatabaseMigrator.CreateOwnerContext(dataSource))
        {
            await context.Database.MigrateAsync();
        }

        foreach (var tenant in tenants)
        {
            await using var connection = new NpgsqlConnection(asOwner);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SELECT set_config('app.tenant_id', '{tenant}', false);
                SELECT coalesce(sum(sales), 0), coalesce(sum(cash), 0) FROM ledger_daily_facts;
                SELECT coalesce(sum(sales), 0), coalesce(sum(cash), 0) FROM customer_daily_facts WHERE tenant_id = '{tenant}';
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.NextResultAsync();
            await reader.ReadAsync();
            Assert.Equal((500m, 200m), (reader.GetDecimal(0), reader.GetDecimal(1)));

            // The customer facts are backfilled the same way (CustomerDailyFacts migration); the table is newer than the
            // policies installed above, so the read names its tenant.
            await reader.NextResultAsync();
            await reader.ReadAsync();
            Assert.Equal((500m, 200m), (reader.GetDecimal(0), reader.GetDecimal(1)));
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
