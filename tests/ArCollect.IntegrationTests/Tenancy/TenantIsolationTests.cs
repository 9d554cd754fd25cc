using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.IntegrationTests.Tenancy;

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenantA;
    private Guid tenantB;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        tenantA = await LedgerBuilder.CreateTenantAsync(db, "Alpha GmbH");
        tenantB = await LedgerBuilder.CreateTenantAsync(db, "Beta Ltd");
        var alphaCustomer = await LedgerBuilder.AddCustomerAsync(db, tenantA, "Alpha Customer");
        var betaCustomer = await LedgerBuilder.AddCustomerAsync(db, tenantB, "Beta Customer");
        await LedgerBuilder.AddInvoiceAsync(db, tenantA, alphaCustomer.Id, "A-1", 100m, db.Today, db.Today.AddDays(30));
        await LedgerBuilder.AddInvoiceAsync(db, tenantB, betaCustomer.Id, "B-1", 200m, db.Today, db.Today.AddDays(30));
        await LedgerBuilder.AddInvoiceAsync(db, tenantB, betaCustomer.Id, "B-2", 300m, db.Today, db.Today.AddDays(30));
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Tenant_sees_only_its_own_rows_through_EF()
    {
        await using var scope = db.ForTenant(tenantA);

        var customers = await scope.Db.Customers.Select(c => c.Name).ToListAsync();
        var invoices = await scope.Db.Invoices.Select(i => i.Number).ToListAsync();
        var contacts = await scope.Db.Contacts.CountAsync();

        Assert.Equal(["Alpha Customer"], customers);
        Assert.Equal(["A-1"], invoices);
        Assert.Equal(1, contacts);
    }

    [Fact]
    public async Task Row_level_security_still_hides_other_tenants_when_query_filters_are_ignored()
    {
        await using var scope = db.ForTenant(tenantA);

        var invoices = await scope.Db.Invoices.IgnoreQueryFilters().Select(i => i.Number).ToListAsync();
        var lines = await scope.Db.InvoiceLines.IgnoreQueryFilters().CountAsync();

        Assert.Equal(["A-1"], invoices);
        Assert.Equal(1, lines);
    }

    [Fact]
    public async Task Raw_SQL_cannot_read_or_write_another_tenants_rows()
    {
        await using var scope = db.ForTenant(tenantA);

        var numbers = await scope.Db.Database.SqlQueryRaw<string>("SELECT number AS \"Value\" FROM invoices ORDER BY number").ToListAsync();
        var updated = await scope.Db.Database.ExecuteSqlRawAsync("UPDATE invoices SET notes = 'touched'");
        var insertOther = () => scope.Db.Database.ExecuteSqlRawAsync(
            "INSERT INTO activities (id, tenant_id, customer_id, type, at, summary) SELECT gen_random_uuid(), {0}, id, 'Note', now(), 'x' FROM customers",
            tenantB);

        Assert.Equal(["A-1"], numbers);
        Assert.Equal(1, updated);
        var error = await Assert.ThrowsAsync<PostgresException>(insertOther);
        Assert.Equal("42501", error.SqlState); // new row violates row-level security policy
    }

    [Fact]
    public async Task A_scope_without_a_tenant_sees_no_tenant_rows_at_all()
    {
        await using var scope = db.WithoutTenant();

        Assert.Equal(0, await scope.Db.Invoices.IgnoreQueryFilters().CountAsync());
        Assert.Equal(0, await scope.Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM customers").SingleAsync());
    }

    [Fact]
    public async Task A_pooled_connection_with_prepared_statements_passed_between_tenants_shows_each_only_its_own_rows()
    {
        // Repeated statements are prepared (Max Auto Prepare), so a connection returned to the pool keeps its plans
        // instead of being reset with DISCARD ALL; the role and app.tenant_id must still be the next scope's own.
        var backends = new HashSet<int>();
        var prepared = 0L;
        for (var round = 0; round < 4; round++)
        {
            foreach (var (tenant, expected) in new[] { (tenantA, new[] { "A-1" }), (tenantB, ["B-1", "B-2"]) })
            {
                await using var scope = db.ForTenant(tenant);
                Assert.Equal(expected, await scope.Db.Invoices.IgnoreQueryFilters().OrderBy(i => i.Number).Select(i => i.Number).ToListAsync());
                Assert.Equal(expected, await scope.Db.Database.SqlQueryRaw<string>("SELECT number AS \"Value\" FROM invoices ORDER BY number").ToListAsync());
                backends.Add(await scope.Db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
                prepared = Math.Max(prepared, await scope.Db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements").SingleAsync());
            }

            await using var none = db.WithoutTenant();
            Assert.Equal(0, await none.Db.Invoices.IgnoreQueryFilters().CountAsync());
        }

        Assert.True(prepared > 0, "the repeated statements should have been prepared on the pooled connection");
        Assert.True(backends.Count < 8, $"the scopes should have reused pooled connections, but used {backends.Count} backends");
    }

    [Fact]
    public async Task Saving_a_row_for_another_tenant_is_refused()
    {
        await using var scope = db.ForTenant(tenantA);
        var customerOfB = Guid.CreateVersion7();
        scope.Db.Invoices.Add(new Invoice { TenantId = tenantB, CustomerId = customerOfB, Number = "X-1", Currency = "EUR" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        Assert.Contains("another tenant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_tenant_owned_table_has_a_query_filter_and_a_forced_row_level_security_policy()
    {
        await using var scope = db.ForTenant(tenantA);
        var tenantTypes = scope.Db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList();
        var tables = DatabaseSecurity.TenantTables(scope.Db.Model);

        await using var owner = new NpgsqlConnection(db.AdminConnectionString);
        await owner.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_isolation'
            WHERE c.relrowsecurity AND c.relforcerowsecurity
            """, owner);
        var protectedTables = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                protectedTables.Add(reader.GetString(0));
            }
        }

        Assert.True(tenantTypes.Count >= 10, $"expected the ledger's tenant-owned types, found {tenantTypes.Count}");
        Assert.All(tenantTypes, t => Assert.NotEmpty(t.GetDeclaredQueryFilters()));
        Assert.All(tables, t => Assert.Contains(t, protectedTables));
    }
}
