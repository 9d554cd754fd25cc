using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Npgsql;

namespace ArCollect.IntegrationTests.Tenancy;

/// <summary>
/// A login role as the app should use it: no SUPERUSER, no BYPASSRLS, a member of the application role. Row-level
/// security holds for it even with hand-written SQL, and it cannot lift itself past the policies.
/// </summary>
public sealed class AppRoleTests : IAsyncLifetime
{
    private const string Login = "arcollect_least_privilege_test";
    private const string Password = "least-privilege-test";
    private readonly TestDatabase db = new();
    private Guid tenantA;
    private Guid tenantB;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenantA = await LedgerBuilder.CreateTenantAsync(db, "Alpha GmbH");
        tenantB = await LedgerBuilder.CreateTenantAsync(db, "Beta Ltd");
        var alpha = await LedgerBuilder.AddCustomerAsync(db, tenantA, "Alpha Customer");
        var beta = await LedgerBuilder.AddCustomerAsync(db, tenantB, "Beta Customer");
        await LedgerBuilder.AddInvoiceAsync(db, tenantA, alpha.Id, "A-1", 100m, db.Today, db.Today.AddDays(30));
        await LedgerBuilder.AddInvoiceAsync(db, tenantB, beta.Id, "B-1", 200m, db.Today, db.Today.AddDays(30));
        await using var owner = new NpgsqlConnection(db.AdminConnectionString);
        await owner.OpenAsync();
        // Roles belong to the whole server: another test class may create the same one at the same moment.
        await using var create = new NpgsqlCommand($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{Login}') THEN
                CREATE ROLE {Login} LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
              END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            GRANT {DatabaseSecurity.AppRole} TO {Login};
            """, owner);
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<NpgsqlConnection> ConnectAsAppAsync(Guid tenant)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.AdminConnectionString) { Username = Login, Password = Password, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand($"SELECT set_config('{DatabaseSecurity.TenantSetting}', @tenant, false)", connection);
        set.Parameters.AddWithValue("tenant", tenant.ToString());
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }

        return values;
    }

    private static async Task<PostgresException> RefusedAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Raw_sql_as_the_app_login_sees_and_changes_only_its_own_tenants_rows()
    {
        await using var app = await ConnectAsAppAsync(tenantA);

        Assert.Equal(["false", "false"], await StringsAsync(app, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user UNION ALL SELECT rolbypassrls::text FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(["A-1"], await StringsAsync(app, "SELECT number FROM invoices ORDER BY number"));
        Assert.Equal(["0"], await StringsAsync(app, $"SELECT count(*) FROM invoices WHERE tenant_id = '{tenantB}'"));
        Assert.Equal(["0"], await StringsAsync(app, $"WITH changed AS (UPDATE invoices SET notes = 'taken' WHERE tenant_id = '{tenantB}' RETURNING 1) SELECT count(*) FROM changed"));
        var moved = await RefusedAsync(app, $"UPDATE invoices SET tenant_id = '{tenantB}' WHERE number = 'A-1'");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, moved.SqlState);
        Assert.Contains("row-level security", moved.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_login_cannot_set_itself_past_row_level_security()
    {
        var ownerName = new NpgsqlConnectionStringBuilder(db.AdminConnectionString).Username!;
        await using var app = await ConnectAsAppAsync(tenantA);

        var setRole = await RefusedAsync(app, $"SET ROLE \"{ownerName}\"");
        var setSession = await RefusedAsync(app, $"SET SESSION AUTHORIZATION \"{ownerName}\"");
        var disable = await RefusedAsync(app, "ALTER TABLE invoices DISABLE ROW LEVEL SECURITY");
        var dropPolicy = await RefusedAsync(app, $"DROP POLICY {DatabaseSecurity.PolicyName} ON invoices");
        await using (var off = new NpgsqlCommand("SET row_security = off", app))
        {
            await off.ExecuteNonQueryAsync();
        }

        var unfiltered = await RefusedAsync(app, "SELECT number FROM invoices");

        Assert.All([setRole, setSession, disable, dropPolicy, unfiltered], e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        Assert.Contains("row-level security", unfiltered.MessageText, StringComparison.Ordinal);
        await using var again = await ConnectAsAppAsync(tenantA);
        Assert.Equal(["A-1"], await StringsAsync(again, "SELECT number FROM invoices"));
    }
}
