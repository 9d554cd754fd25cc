using System.Text;
using ArCollect.Infrastructure.Exports;
using ArCollect.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Exports;

public sealed class LedgerExportsTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();
    private Guid tenant;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        // Today is 2026-06-15.
        tenant = await LedgerBuilder.CreateTenantAsync(db, "Export GmbH");
        var evil = await LedgerBuilder.AddCustomerAsync(db, tenant, "=HYPERLINK(\"http://evil.example\",\"click\")");
        var plain = await LedgerBuilder.AddCustomerAsync(db, tenant, "Plain, Simple & Co");
        await LedgerBuilder.AddInvoiceAsync(db, tenant, plain.Id, "A-1", 100m, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 20)); // current
        await LedgerBuilder.AddInvoiceAsync(db, tenant, plain.Id, "A-2", 200m, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 16)); // 30 days: 1-30
        await LedgerBuilder.AddInvoiceAsync(db, tenant, plain.Id, "A-3", 300m, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 15)); // 61 days: 61-90
        await LedgerBuilder.AddInvoiceAsync(db, tenant, evil.Id, "-1+1", 50m, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)); // 135 days: 90+
        await InvoicingBuilder.AddDraftAsync(db, tenant, plain.Id, 999m, new DateOnly(2026, 1, 1)); // drafts are not owed
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<byte[]> ExportAsync(LedgerList list, LedgerExportFormat format)
    {
        await using var scope = db.ForTenant(tenant);
        using var output = new MemoryStream();
        await LedgerExports.WriteAsync(scope.Services.GetRequiredService<LedgerExportQueries>().Table(list), format, output, CancellationToken.None);
        return output.ToArray();
    }

    [Fact]
    public async Task Csv_export_neutralises_formulas_and_quotes_commas()
    {
        var csv = Encoding.UTF8.GetString(await ExportAsync(LedgerList.Customers, LedgerExportFormat.Csv)).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("External id,Name,Currency,Terms (days),Email,Segment,Region,Open balance", lines[0]);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",EUR,30,", csv, StringComparison.Ordinal);
        Assert.Contains(",\"Plain, Simple & Co\",EUR,30,\"ap@plain,simple&co.example\",,,600.00", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aging_export_buckets_open_balances_by_days_past_due_and_leaves_out_drafts()
    {
        var csv = Encoding.UTF8.GetString(await ExportAsync(LedgerList.Aging, LedgerExportFormat.Csv)).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",EUR,0.00,0.00,0.00,0.00,50.00,50.00", lines[1], StringComparison.Ordinal);
        Assert.Equal("\"Plain, Simple & Co\",EUR,100.00,200.00,0.00,300.00,0.00,600.00", lines[2]);
    }

    [Fact]
    public async Task Xlsx_export_keeps_formula_text_as_text_and_amounts_as_numbers()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await ExportAsync(LedgerList.Invoices, LedgerExportFormat.Xlsx)));
        var sheet = workbook.Worksheet(1);

        var numbers = sheet.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Contains("'-1+1", numbers);
        Assert.All(sheet.CellsUsed(), c => Assert.False(c.HasFormula));
        var evilRow = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "'-1+1").WorksheetRow();
        Assert.StartsWith("'=HYPERLINK", evilRow.Cell(2).GetString(), StringComparison.Ordinal);
        Assert.Equal(50m, evilRow.Cell(13).GetValue<decimal>());
        Assert.Equal(XLDataType.Number, evilRow.Cell(13).DataType);
    }
}
