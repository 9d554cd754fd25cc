using System.Text;
using ArCollect.Infrastructure.Imports;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Imports;

public sealed class InvoiceCsvImporterTests : IAsyncLifetime
{
    private const string Header = "invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price,tax_rate,terms\n";
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<Guid> NewTenantAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Importer GmbH");
        foreach (var (name, id) in new[] { ("Acme", "C-1"), ("Globex", "C-2") })
        {
            var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, name);
            await using var scope = db.ForTenant(tenant);
            await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, id));
        }

        return tenant;
    }

    private async Task<ImportReport> ImportAsync(Guid tenant, byte[] csv, ImportMode mode = ImportMode.AllOrNothing, Dictionary<string, string>? mapping = null)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<InvoiceCsvImporter>().ImportAsync(new MemoryStream(csv), mode, mapping, CancellationToken.None);
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<List<(string Number, decimal Total, int Lines)>> InvoicesAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        return (await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number).Select(i => new { i.Number, i.Total, Lines = i.Lines.Count }).ToListAsync())
            .Select(i => (i.Number, i.Total, i.Lines)).ToList();
    }

    [Fact]
    public async Task Invoices_with_lines_are_imported_once_and_a_second_import_changes_nothing()
    {
        var tenant = await NewTenantAsync();
        var csv = Csv(Header
            + "INV-100,C-1,2026-05-01,2026-05-31,EUR,Hosting,2,50.00,19,\n"
            + "INV-100,C-1,2026-05-01,2026-05-31,EUR,Setup,1,100.00,19,\n"
            + "\"INV-101\",C-2,2026-05-03,,eur,\"Consulting, on site\",1.5,80,0,Net 14\n");

        var first = await ImportAsync(tenant, csv);
        var second = await ImportAsync(tenant, csv);

        Assert.True(first.Committed);
        Assert.Equal((3, 2, 0, 0), (first.RowsRead, first.Created, first.AlreadyImported, first.ErrorCount));
        Assert.Equal((0, 2), (second.Created, second.AlreadyImported));
        // INV-100: 100.00 + 100.00 net, 38.00 tax = 238.00; INV-101: 1.5 x 80 = 120.00, no tax.
        Assert.Equal([("INV-100", 238.00m, 2), ("INV-101", 120.00m, 1)], await InvoicesAsync(tenant));
        await using var scope = db.ForTenant(tenant);
        var due = await scope.Db.Invoices.AsNoTracking().Where(i => i.Number == "INV-101").Select(i => i.DueDate).SingleAsync();
        Assert.Equal(new DateOnly(2026, 5, 17), due);
        // One audit entry per import (both runs), not one per invoice.
        Assert.Equal(2, await scope.Db.AuditEntries.CountAsync(a => a.Action == "Imported" && a.EntityType == "InvoiceImport"));
    }

    [Fact]
    public async Task Each_import_writes_one_audit_entry_with_user_and_counts_that_its_invoices_point_to()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var clerk = Guid.NewGuid();
        var csv = Csv(Header
            + "INV-110,C-1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0,\n"
            + "INV-110,C-1,2026-05-01,2026-05-31,EUR,Setup,1,20,0,\n"
            + "INV-111,C-2,2026-05-02,2026-06-01,EUR,Hosting,1,30,0,\n");

        ImportReport first, second;
        await using (var scope = db.ForTenant(tenant, clerk))
        {
            first = await scope.Services.GetRequiredService<InvoiceCsvImporter>().ImportAsync(new MemoryStream(csv), ImportMode.ValidRows, null, CancellationToken.None);
        }

        await using (var scope = db.ForTenant(tenant, clerk))
        {
            second = await scope.Services.GetRequiredService<InvoiceCsvImporter>().ImportAsync(new MemoryStream(csv), ImportMode.AllOrNothing, null, CancellationToken.None);
        }

        Assert.Equal((2, 0), (first.Created, second.Created));
        await using var check = db.ForTenant(tenant);
        var entries = await check.Db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        // One entry per import, none per invoice.
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("InvoiceImport", "Imported", clerk, db.Time.GetUtcNow()), (e.EntityType, e.Action, e.UserId!.Value, e.At)));
        using var firstDetails = System.Text.Json.JsonDocument.Parse(entries[0].Details!);
        using var secondDetails = System.Text.Json.JsonDocument.Parse(entries[1].Details!);
        Assert.Equal(("ValidRows", 3, 2, 0), Counts(firstDetails));
        Assert.Equal(("AllOrNothing", 3, 0, 2), Counts(secondDetails));
        Assert.Equal(entries[0].EntityId, firstDetails.RootElement.GetProperty("ImportId").GetGuid());
        // Both invoices name the import that created them, so the entry answers who created them and when.
        var importIds = await check.Db.Invoices.AsNoTracking().Select(i => i.ImportId).Distinct().ToListAsync();
        Assert.Equal([entries[0].EntityId], importIds);
        await using var otherScope = db.ForTenant(other);
        Assert.Equal(0, await otherScope.Db.AuditEntries.CountAsync());

        static (string, int, int, int) Counts(System.Text.Json.JsonDocument details) => (
            details.RootElement.GetProperty("Mode").GetString()!, details.RootElement.GetProperty("RowsRead").GetInt32(),
            details.RootElement.GetProperty("Created").GetInt32(), details.RootElement.GetProperty("AlreadyImported").GetInt32());
    }

    [Fact]
    public async Task A_number_created_elsewhere_during_the_import_rolls_the_import_back_with_a_clear_message()
    {
        var tenant = await NewTenantAsync();
        await using var check = db.ForTenant(tenant);
        var customer = await check.Db.Customers.AsNoTracking().Where(c => c.ExternalId == "C-1").Select(c => c.Id).SingleAsync();
        // Another writer holds INV-900 uncommitted, so the import finds the number free but cannot insert it.
        await using var writer = new Npgsql.NpgsqlConnection(db.AdminConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand("""
            INSERT INTO invoices (id, tenant_id, customer_id, number, state, issue_date, due_date, currency, subtotal, tax_total, total,
                                  amount_paid, amount_credited, amount_written_off, is_disputed, created_at, updated_at)
            VALUES (gen_random_uuid(), @tenant, @customer, 'INV-900', 'Issued', '2026-05-01', '2026-05-31', 'EUR', 5, 0, 5, 0, 0, 0, false, now(), now())
            """, writer, transaction))
        {
            insert.Parameters.AddWithValue("tenant", tenant);
            insert.Parameters.AddWithValue("customer", customer);
            await insert.ExecuteNonQueryAsync();
        }

        var import = ImportAsync(tenant, Csv(Header
            + "INV-899,C-1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0,\n"
            + "INV-900,C-1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0,\n"));
        await WaitForLockWaitAsync();
        await transaction.CommitAsync();
        var report = await import;

        Assert.False(report.Committed);
        Assert.Equal(0, report.Created);
        var error = Assert.Single(report.Errors);
        Assert.Equal((0, "invoice_number"), (error.Row, error.Column));
        Assert.Contains("created while the file was being imported", error.Message, StringComparison.Ordinal);
        Assert.Equal([("INV-900", 5m, 0)], await InvoicesAsync(tenant));
    }

    private async Task WaitForLockWaitAsync()
    {
        await using var admin = new Npgsql.NpgsqlConnection(db.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", admin);
        for (var i = 0; i < 600 && (long)(await command.ExecuteScalarAsync())! == 0; i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task All_or_nothing_reports_every_bad_row_and_imports_nothing()
    {
        var tenant = await NewTenantAsync();
        var csv = Csv(Header
            + "INV-200,C-1,2026-05-01,2026-05-31,EUR,Hosting,1,10,0,\n"
            + "INV-201,C-1,31.05.2026,2026-05-31,EUR,Hosting,1,10,0,\n"
            + "INV-202,C-9,2026-05-01,2026-05-31,EUR,Hosting,1,\"1.234,50\",0,\n"
            + "INV-203,C-9,2026-05-01,2026-05-31,EUR,Hosting,1,5,0,\n");

        var report = await ImportAsync(tenant, csv);

        Assert.False(report.Committed);
        Assert.Equal(0, report.Created);
        Assert.Empty(await InvoicesAsync(tenant));
        Assert.Equal(
            [(2, "issue_date"), (3, "unit_price"), (4, "customer_external_id")],
            report.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("yyyy-MM-dd", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("use a point for decimals", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("No customer has external id \"C-9\"", report.Errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_rows_mode_imports_exactly_the_invoices_whose_rows_are_all_valid()
    {
        var tenant = await NewTenantAsync();
        var csv = Csv(Header
            + "INV-300,C-1,2026-05-01,2026-05-31,EUR,Good line,1,10,0,\n"
            + "INV-301,C-2,2026-05-01,2026-05-31,EUR,Good line,1,20,0,\n"
            + "INV-301,C-2,2026-05-01,2026-05-31,EUR,Bad line,-1,20,0,\n"
            + "INV-302,C-1,2026-05-01,2026-05-31,XXX,Bad currency,1,30,0,\n"
            + "INV-303,C-1,2026-05-01,2026-05-31,EUR,Disagrees,1,40,0,\n"
            + "INV-303,C-2,2026-05-01,2026-05-31,EUR,Disagrees,1,40,0,\n");

        var report = await ImportAsync(tenant, csv, ImportMode.ValidRows);

        Assert.True(report.Committed);
        Assert.Equal([("INV-300", 10m, 1)], await InvoicesAsync(tenant));
        Assert.Equal(
            [(2, "invoice_number"), (3, "quantity"), (4, "currency"), (5, "invoice_number"), (6, "invoice_number")],
            report.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("another row of invoice INV-301 has errors", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("disagree on customer", report.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_semicolon_file_is_reported_as_such_and_changes_nothing()
    {
        var tenant = await NewTenantAsync();

        var report = await ImportAsync(tenant, Csv(Header.Replace(',', ';') + "INV-400;C-1;2026-05-01;2026-05-31;EUR;Hosting;1;10;0;\n"));

        Assert.False(report.Committed);
        var error = Assert.Single(report.Errors);
        Assert.Equal(0, error.Row);
        Assert.Contains("separated by ';'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task Mapped_columns_are_read_under_their_own_names()
    {
        var tenant = await NewTenantAsync();
        var csv = Csv("Number,Customer,Date,Due,Cur,Text,Qty,Price\nINV-500,C-1,2026-05-01,2026-05-31,EUR,Hosting,3,10\n");
        var mapping = new Dictionary<string, string>
        {
            ["invoice_number"] = "Number",
            ["customer_external_id"] = "Customer",
            ["issue_date"] = "Date",
            ["due_date"] = "Due",
            ["currency"] = "Cur",
            ["description"] = "Text",
            ["quantity"] = "Qty",
            ["unit_price"] = "Price",
        };

        var report = await ImportAsync(tenant, csv, mapping: mapping);

        Assert.Equal(1, report.Created);
        Assert.Equal([("INV-500", 30m, 1)], await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_reported_on_its_row_and_column()
    {
        var tenant = await NewTenantAsync();
        var bytes = Csv(Header + "INV-600,C-1,2026-05-01,2026-05-31,EUR,Caf").Concat(new byte[] { 0xE9 }).Concat(Csv(",1,10,0,\n")).ToArray();

        var report = await ImportAsync(tenant, bytes);

        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "description"), (error.Row, error.Column));
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Empty(await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_reported_and_nothing_is_imported()
    {
        var tenant = await NewTenantAsync();
        var huge = new string('x', 1024 * 1024);
        var csv = Csv(Header + "INV-700,C-1,2026-05-01,2026-05-31,EUR,Fine,1,10,0,\n" + $"INV-701,C-1,2026-05-01,2026-05-31,EUR,{huge},1,10,0,\n");

        var report = await ImportAsync(tenant, csv, ImportMode.ValidRows);

        Assert.False(report.Committed);
        Assert.Contains("longer than 64 KB", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(await InvoicesAsync(tenant));
    }
}
