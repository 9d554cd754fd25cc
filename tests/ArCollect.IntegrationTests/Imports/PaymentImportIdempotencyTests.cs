using System.Text;
using ArCollect.Infrastructure.Imports;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Imports;

public sealed class PaymentImportIdempotencyTests : IAsyncLifetime
{
    private const string Header = "reference,customer_external_id,received_on,amount,currency,method,invoice_number\n";
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_reference_already_recorded_with_other_data_is_a_row_error_never_a_silent_skip()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Idempotent AG");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, "C-1"));
        }

        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-1", 500m, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));

        var first = await ImportAsync(tenant, "BANK-1,C-1,2026-06-10,250.00,EUR,,\n");
        var same = await ImportAsync(tenant, "BANK-1,C-1,2026-06-10,250,EUR,,\n");
        var changed = await ImportAsync(tenant, "BANK-1,C-1,2026-06-10,260.00,EUR,,\n");

        Assert.Equal((1, 0), (first.Created, first.ErrorCount));
        Assert.Equal((0, 1, 0), (same.Created, same.AlreadyImported, same.ErrorCount));
        Assert.False(changed.Committed);
        var error = Assert.Single(changed.Errors);
        Assert.Equal((1, "reference"), (error.Row, error.Column));
        Assert.Contains("already recorded as EUR 250.00 from C-1 received 2026-06-10", error.Message, StringComparison.Ordinal);
        await using var check = db.ForTenant(tenant);
        Assert.Equal(250m, await check.Db.Invoices.Select(i => i.Balance).SingleAsync());
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    [Fact]
    public async Task The_banks_transaction_id_when_present_is_what_makes_a_row_the_same_payment()
    {
        const string WithId = "reference,customer_external_id,received_on,amount,currency,bank_transaction_id\n";
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Bank Id AG");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, "C-1"));
        }

        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-1", 500m, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));

        var first = await ImportAsync(tenant, "Payment INV-1,C-1,2026-06-10,200.00,EUR,TX-0001\n", WithId);
        // The bank's export renamed the text it shows as reference; the transaction is the same.
        var again = await ImportAsync(tenant, "INV-1 thanks,C-1,2026-06-10,200.00,EUR,TX-0001\n", WithId);
        var changed = await ImportAsync(tenant, "INV-1 part 2,C-1,2026-06-10,250.00,EUR,TX-0001\n", WithId);
        var twice = await ImportAsync(tenant, "Part 3,C-1,2026-06-11,50.00,EUR,TX-0002\nPart 4,C-1,2026-06-11,50.00,EUR,TX-0002\n", WithId);

        Assert.Equal((1, 0, 0), (first.Created, first.AlreadyImported, first.ErrorCount));
        Assert.Equal((0, 1, 0), (again.Created, again.AlreadyImported, again.ErrorCount));
        Assert.False(changed.Committed);
        var error = Assert.Single(changed.Errors);
        Assert.Equal((1, "bank_transaction_id"), (error.Row, error.Column));
        Assert.Contains("TX-0001 is already recorded as EUR 200.00 from C-1 received 2026-06-10", error.Message, StringComparison.Ordinal);
        Assert.False(twice.Committed);
        Assert.Equal((2, "bank_transaction_id"), (twice.Errors.Single().Row, twice.Errors.Single().Column));
        await using var check = db.ForTenant(tenant);
        Assert.Equal(("TX-0001", 300m), (await check.Db.Payments.Select(p => p.BankTransactionId).SingleAsync(), await check.Db.Invoices.Select(i => i.Balance).SingleAsync()));
        await LedgerAssert.ConsistentAsync(db, tenant);
    }

    private async Task<ImportReport> ImportAsync(Guid tenant, string rows, string header = Header)
    {
        await using var scope = db.ForTenant(tenant);
        return await scope.Services.GetRequiredService<PaymentCsvImporter>()
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(header + rows)), ImportMode.AllOrNothing, null, CancellationToken.None);
    }
}
