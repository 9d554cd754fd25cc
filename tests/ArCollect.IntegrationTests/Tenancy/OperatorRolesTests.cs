using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Npgsql;

namespace ArCollect.IntegrationTests.Tenancy;

/// <summary>
/// The two logins as docs/operations.md (and deploy/postgres/01-arcollect-roles.sh) tell an operator to create them:
/// an owner with no SUPERUSER, CREATEROLE or BYPASSRLS migrates a new database completely (schema, row-level
/// security, Hangfire), and the app login can then do its work, and nothing more.
/// </summary>
public sealed class OperatorRolesTests
{
    [Fact]
    public async Task An_owner_without_superuser_or_createrole_migrates_and_the_app_login_can_work_but_not_change_the_schema()
    {
        var server = await PostgresServer.GetAsync();
        var admin = new NpgsqlConnectionStringBuilder(await server.CreateEmptyDatabaseAsync()) { Database = "postgres" }.ConnectionString;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, app, database) = ($"op_owner_{suffix}", $"op_web_{suffix}", $"op_db_{suffix}");
        await ExecuteAsync(admin, $"""
            CREATE ROLE {owner} LOGIN PASSWORD 'owner-pw' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
            GRANT {DatabaseSecurity.AppRole} TO {owner};
            CREATE ROLE {app} LOGIN PASSWORD 'app-pw' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT;
            GRANT {DatabaseSecurity.AppRole} TO {app};
            """);
        await ExecuteAsync(admin, $"CREATE DATABASE {database} OWNER {owner}");
        await ExecuteAsync(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString, $"""
            REVOKE ALL ON DATABASE {database} FROM PUBLIC;
            GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {DatabaseSecurity.AppRole};
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            ALTER SCHEMA public OWNER TO {owner};
            """);
        string As(string login, string password) =>
            new NpgsqlConnectionStringBuilder(admin) { Database = database, Username = login, Password = password, Pooling = false }.ConnectionString;

        await DatabaseMigrator.MigrateAsync(As(owner, "owner-pw"), CancellationToken.None);

        var tenant = Guid.CreateVersion7();
        await ExecuteAsync(As(app, "app-pw"), $"""
            SET ROLE {DatabaseSecurity.AppRole};
            INSERT INTO tenants (id, name, base_currency, time_zone, created_at) VALUES ('{tenant}', 'Operator Ltd', 'EUR', 'Etc/UTC', now());
            SELECT set_config('{DatabaseSecurity.TenantSetting}', '{tenant}', false);
            INSERT INTO customers (id, tenant_id, name, currency, payment_terms_days, time_zone, created_at, updated_at, do_not_contact, is_key_account, on_credit_hold)
            VALUES (gen_random_uuid(), '{tenant}', 'Customer', 'EUR', 30, 'Etc/UTC', now(), now(), false, false, false);
            """);

        // Hangfire's tables without SET ROLE, as Hangfire's own connections use them.
        await ExecuteAsync(As(app, "app-pw"), """
            INSERT INTO hangfire.lock (resource, acquired) VALUES ('operator-test', now());
            DELETE FROM hangfire.lock WHERE resource = 'operator-test';
            SELECT count(*) FROM hangfire.job;
            """);

        var createTable = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(As(app, "app-pw"), "CREATE TABLE public.intruder (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, createTable.SqlState);
        var createInHangfire = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(As(app, "app-pw"), "CREATE TABLE hangfire.intruder (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, createInHangfire.SqlState);
        var alter = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(As(app, "app-pw"), "ALTER TABLE customers DISABLE ROW LEVEL SECURITY"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, alter.SqlState);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
