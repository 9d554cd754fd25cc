using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Exports;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Exports;

/// <summary>Payments and credit notes written in the layouts QuickBooks Online and Xero import.</summary>
public sealed class AccountingExportTests : IAsyncLifetime
{
    private readonly TestDatabase db = new() { ConfigureServices = s => s.AddArCollectAccountingFiles() };

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<string> ExportAsync(Guid tenant, AccountingLayout layout, AccountingExport export)
    {
        await using var scope = db.ForTenant(tenant);
        using var output = new MemoryStream();
        var table = scope.Services.GetRequiredService<AccountingExports>().Table(layout, export, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));
        await LedgerExports.WriteAsync(table, LedgerExportFormat.Csv, output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
    }

    private async Task<(Guid Tenant, string CreditNote)> LedgerAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Export Co");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Bayside Club");
        var invoice = await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-0101", 700m, new DateOnly(2026, 6, 5), new DateOnly(2026, 6, 19));
        await using var scope = db.ForTenant(tenant);
        var payments = scope.Services.GetRequiredService<PaymentRecorder>();
        Assert.Empty((await payments.RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer.Id,
            Amount = 250m,
            Currency = "EUR",
            ReceivedOn = new DateOnly(2026, 6, 10),
            Reference = "BANK-881",
            Allocations = [new AllocationRequest(invoice.Id, 250m)],
        }, CancellationToken.None)).Errors);
        Assert.Empty((await payments.RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer.Id,
            Amount = 99m,
            Currency = "EUR",
            ReceivedOn = new DateOnly(2026, 7, 2),
            Reference = "JULY",
        }, CancellationToken.None)).Errors);
        var credit = await scope.Services.GetRequiredService<InvoiceAdjustments>().CreditAsync(
            new AdjustmentInput { InvoiceId = invoice.Id, Amount = 50m, Reason = "Damaged chairs", Date = new DateOnly(2026, 6, 12) }, CancellationToken.None);
        Assert.True(credit.Succeeded);
        return (tenant, credit.Number!);
    }

    [Fact]
    public async Task Payments_of_the_period_become_a_QuickBooks_bank_upload_with_month_first_dates()
    {
        var (tenant, _) = await LedgerAsync();

        var csv = await ExportAsync(tenant, AccountingLayout.QuickBooksOnline, AccountingExport.Payments);

        Assert.Equal("Date,Description,Amount\r\n06/10/2026,Bayside Club BANK-881 for INV-0101,250.00\r\n", csv);
    }

    [Fact]
    public async Task Payments_of_the_period_become_a_Xero_bank_statement_with_day_first_dates()
    {
        var (tenant, _) = await LedgerAsync();

        var csv = await ExportAsync(tenant, AccountingLayout.Xero, AccountingExport.Payments);

        Assert.Equal("Date,Amount,Payee,Description,Reference\r\n10/06/2026,250.00,Bayside Club,Bayside Club BANK-881 for INV-0101,BANK-881\r\n", csv);
    }

    [Fact]
    public async Task Credit_notes_become_Xero_credit_note_rows_that_name_the_invoice_they_credit()
    {
        var (tenant, number) = await LedgerAsync();

        var csv = await ExportAsync(tenant, AccountingLayout.Xero, AccountingExport.CreditNotes);

        Assert.Equal(
            "ContactName,CreditNoteNumber,Reference,CreditNoteDate,Description,Quantity,UnitAmount,AccountCode,TaxType,Currency\r\n"
            + $"Bayside Club,{number},INV-0101,12/06/2026,Damaged chairs,1,50.00,,,EUR\r\n",
            csv);
    }
}
