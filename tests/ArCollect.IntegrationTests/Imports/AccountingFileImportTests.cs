using System.Text;
using ArCollect.Infrastructure.Imports;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Imports;

/// <summary>QuickBooks Online and Xero files, in their own column names and date orders, through the import presets.</summary>
public sealed class AccountingFileImportTests : IAsyncLifetime
{
    // Headers as the systems write them (sources in docs/ledger.md); Xero marks required columns with '*'.
    private const string QboCustomers = "Name,Company,Email,Phone,Street,City,State,ZIP,Country\n"
        + "Amy's Bird Sanctuary,Amy's Bird Sanctuary,birds@intuit.example,(650) 555-3311,4581 Finch St.,Bayshore,CA,94326,USA\n"
        + "\"Cool Cars, Inc.\",Cool Cars,cars@intuit.example,,65 Ocean Dr.,Half Moon Bay,CA,94213,USA\n";

    private const string QboInvoices = "Invoice number,Customer,Invoice date,Due date,Terms,Item(Product/Service),Item Description,Item Quantity,Item Rate,Item Amount,Item tax code,Memo\n"
        + "1037,Amy's Bird Sanctuary,06/01/2026,07/01/2026,Net 30,Gardening,Weekly gardening,3,50.00,150.00,20% S,\n"
        + "1037,Amy's Bird Sanctuary,06/01/2026,07/01/2026,Net 30,Rocks,Garden rocks,,,40.00,NON,\n"
        + "1038,\"Cool Cars, Inc.\",06/12/2026,06/27/2026,Net 15,Design,Custom design,1,\"1,250.00\",\"1,250.00\",,\n";

    private const string XeroContacts = "*ContactName,AccountNumber,EmailAddress,FirstName,LastName,POAttentionTo,POAddressLine1,POCity,POPostalCode,POCountry,TaxNumber\n"
        + "Bayside Club,BAY01,accounts@bayside.example,Ruth,Lee,,1 Harbour Rd,Brighton,BN1 1AA,United Kingdom,GB123456789\n"
        + "Hamilton Smith Ltd,HAM01,ap@hamilton.example,,,,,,,,\n";

    private const string XeroInvoices = "*ContactName,EmailAddress,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,Currency\n"
        + "Bayside Club,,INV-0101,Membership,05/06/2026,19/06/2026,,Annual membership,1,500.00,,200,20% (VAT on Income),GBP\n"
        + "Bayside Club,,INV-0101,Membership,05/06/2026,19/06/2026,,Event tickets,4,25.00,,200,No VAT,GBP\n"
        + "Hamilton Smith Ltd,,INV-0102,,12/06/2026,12/07/2026,,Consulting,2.5,120.00,,200,20% (VAT on Income),GBP\n";

    private readonly TestDatabase db = new() { ConfigureServices = s => s.AddArCollectAccountingFiles() };

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<ImportReport> ImportAsync(Guid tenant, string csv, AccountingFileImport.FileKind kind, AccountingLayout layout, string currency = "USD", ImportMode mode = ImportMode.AllOrNothing)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<AccountingFileImport>().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(csv)), kind, layout, AccountingLayouts.DefaultDateOrder(layout), currency, mode, CancellationToken.None);
    }

    private async Task<List<string>> InvoicesAsync(Guid tenant)
    {
        await using var scope = db.ForTenant(tenant);
        var rows = await scope.Db.Invoices.AsNoTracking().OrderBy(i => i.Number)
            .Select(i => new { i.Number, Customer = scope.Db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.Name).Single(), i.IssueDate, i.DueDate, i.Currency, i.Subtotal, i.TaxTotal, i.Total, Lines = i.Lines.Count })
            .ToListAsync();
        return rows.Select(i => $"{i.Number}|{i.Customer}|{i.IssueDate:yyyy-MM-dd}|{i.DueDate:yyyy-MM-dd}|{i.Currency}|{i.Subtotal:0.00}|{i.TaxTotal:0.00}|{i.Total:0.00}|{i.Lines}").ToList();
    }

    [Fact]
    public async Task A_QuickBooks_Online_customer_list_and_invoice_file_import_into_the_right_fields()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "QuickBooks Co", "USD");

        var customers = await ImportAsync(tenant, QboCustomers, AccountingFileImport.FileKind.Customers, AccountingLayout.QuickBooksOnline);
        var invoices = await ImportAsync(tenant, QboInvoices, AccountingFileImport.FileKind.Invoices, AccountingLayout.QuickBooksOnline);

        Assert.Empty(customers.Errors);
        Assert.Equal(2, customers.Created);
        Assert.Empty(invoices.Errors);
        Assert.Equal(2, invoices.Created);
        // 1037: 3 x 50.00 at 20% = 150.00 + 30.00 tax, plus rocks 40.00 untaxed; month-first dates; the company currency.
        Assert.Equal(
            ["1037|Amy's Bird Sanctuary|2026-06-01|2026-07-01|USD|190.00|30.00|220.00|2", "1038|Cool Cars, Inc.|2026-06-12|2026-06-27|USD|1250.00|0.00|1250.00|1"],
            await InvoicesAsync(tenant));
        await using var scope = db.ForTenant(tenant);
        var amy = await scope.Db.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.ExternalId == "Amy's Bird Sanctuary");
        Assert.Equal(("Bayshore", "94326", "birds@intuit.example"), (amy.City, amy.PostalCode, amy.Contacts.Single().Email));
    }

    [Fact]
    public async Task A_Xero_contact_and_invoice_export_import_with_day_first_dates_and_tax_from_the_tax_type()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Xero Ltd", "GBP");

        var customers = await ImportAsync(tenant, XeroContacts, AccountingFileImport.FileKind.Customers, AccountingLayout.Xero, "GBP");
        var invoices = await ImportAsync(tenant, XeroInvoices, AccountingFileImport.FileKind.Invoices, AccountingLayout.Xero, "GBP");

        Assert.Empty(customers.Errors);
        Assert.Empty(invoices.Errors);
        // INV-0101: 500.00 at 20% (100.00 tax) + 4 x 25.00 without VAT; INV-0102: 2.5 x 120.00 = 300.00 + 60.00.
        Assert.Equal(
            ["INV-0101|Bayside Club|2026-06-05|2026-06-19|GBP|600.00|100.00|700.00|2", "INV-0102|Hamilton Smith Ltd|2026-06-12|2026-07-12|GBP|300.00|60.00|360.00|1"],
            await InvoicesAsync(tenant));
        await using var scope = db.ForTenant(tenant);
        var bayside = await scope.Db.Customers.AsNoTracking().Include(c => c.Contacts).SingleAsync(c => c.ExternalId == "Bayside Club");
        Assert.Equal(("GB123456789", "Brighton", "accounts@bayside.example"), (bayside.VatId, bayside.City, bayside.Contacts.Single().Email));
    }

    [Fact]
    public async Task A_Xero_file_read_as_QuickBooks_gets_a_report_naming_the_missing_columns_and_imports_nothing()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Wrong Layout Co", "GBP");
        await ImportAsync(tenant, XeroContacts, AccountingFileImport.FileKind.Customers, AccountingLayout.Xero, "GBP");

        var report = await ImportAsync(tenant, XeroInvoices, AccountingFileImport.FileKind.Invoices, AccountingLayout.QuickBooksOnline, "GBP");

        Assert.False(report.Committed);
        var error = Assert.Single(report.Errors);
        Assert.Equal((0, "Customer, Item description, Item amount"), (error.Row, error.Column));
        Assert.Equal("This is not a QuickBooks Online file of this kind: it has no column \"Customer\", \"Item description\", \"Item amount\". "
            + "Export it from QuickBooks Online again, or choose the layout it is in.", error.Message);
        Assert.Empty(await InvoicesAsync(tenant));
    }

    [Fact]
    public async Task Bad_values_are_reported_by_row_and_by_the_files_own_column_and_nothing_is_kept()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Bad Rows Ltd", "GBP");
        await ImportAsync(tenant, XeroContacts, AccountingFileImport.FileKind.Customers, AccountingLayout.Xero, "GBP");
        var csv = "*ContactName,*InvoiceNumber,*InvoiceDate,*DueDate,*Description,*Quantity,*UnitAmount,*TaxType\n"
            + "Bayside Club,INV-1,05/06/2026,19/06/2026,Membership,1,500.00,20% (VAT on Income)\n"
            + "Bayside Club,INV-2,06/31/2026,19/07/2026,Membership,1,500.00,No VAT\n"
            + "Nobody Known,INV-3,05/06/2026,19/06/2026,Membership,1,500.00,No VAT\n"
            + "Bayside Club,INV-4,05/06/2026,19/06/2026,Membership,1,five hundred,No VAT\n";

        var report = await ImportAsync(tenant, csv, AccountingFileImport.FileKind.Invoices, AccountingLayout.Xero, "GBP");

        Assert.False(report.Committed);
        Assert.Equal([(2, "InvoiceDate"), (3, "ContactName"), (4, "UnitAmount")], report.Errors.Select(e => (e.Row, e.Column)).Order());
        Assert.Equal("\"06/31/2026\" is not a date in the form dd/MM/yyyy: check the date order chosen for the file.",
            report.Errors.Single(e => e.Column == "InvoiceDate").Message);
        Assert.Empty(await InvoicesAsync(tenant));
    }
}
