using System.Text;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Invoices;

/// <summary>
/// Numbers continue after the highest one present, whoever wrote it: the demo history (padded to six digits for
/// invoices, five for credit notes), imports and numbers written past the counter.
/// </summary>
public sealed class DocumentNumbersTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<(Guid Tenant, Guid Customer)> NewDemoTenantAsync()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Demo GmbH");
        await using var scope = db.ForTenant(tenant);
        await DemoSeeder.SeedAsync(scope.Db, tenant, [], new DemoOptions { Today = db.Today, Customers = 30, Invoices = 900 }, CancellationToken.None);
        var customer = await scope.Db.Customers.AsNoTracking()
            .Where(c => c.Currency == "EUR" && c.Contacts.Any(x => !x.Bounced && x.Email != ""))
            .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        return (tenant, customer);
    }

    private async Task<long> HighestAsync(Guid tenant, DocumentSeries series, string pattern)
    {
        await using var scope = db.ForTenant(tenant);
        var numbers = series == DocumentSeries.Invoice
            ? await scope.Db.Invoices.AsNoTracking().Select(i => i.Number).ToListAsync()
            : await scope.Db.CreditNotes.AsNoTracking().Select(c => c.Number).ToListAsync();
        return numbers.Select(n => InvoiceNumberPattern.Sequence(pattern, db.Today, n) ?? 0).DefaultIfEmpty(0).Max();
    }

    [Fact]
    public async Task On_the_demo_tenant_issuing_and_crediting_continue_the_demo_history()
    {
        var (tenant, customer) = await NewDemoTenantAsync();
        var lastInvoice = await HighestAsync(tenant, DocumentSeries.Invoice, InvoiceNumberPattern.Default);
        var lastCredit = await HighestAsync(tenant, DocumentSeries.CreditNote, InvoiceNumberPattern.DefaultCreditNote);
        Assert.True(lastInvoice > 100, $"the demo history has this year's invoices (highest {lastInvoice})");

        var issued = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 400m, db.Today);
        await using var scope = db.ForTenant(tenant);
        var credit = await scope.Services.GetRequiredService<InvoiceAdjustments>().CreditAsync(
            new AdjustmentInput { InvoiceId = issued.Id, Amount = 40m, Reason = "Goods returned", Date = db.Today }, CancellationToken.None);

        Assert.Equal($"INV-2026-{lastInvoice + 1:00000}", issued.Number);
        Assert.True(credit.Succeeded, string.Join("; ", credit.Errors.Select(e => e.Message)));
        Assert.Equal($"CN-2026-{lastCredit + 1:00000}", credit.Number);
    }

    [Fact]
    public async Task On_the_demo_tenant_a_payment_inside_the_discount_window_is_recorded_with_its_discount_credit_note()
    {
        var (tenant, customer) = await NewDemoTenantAsync();
        var lastCredit = await HighestAsync(tenant, DocumentSeries.CreditNote, InvoiceNumberPattern.DefaultCreditNote);
        var issued = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 1000m, db.Today, terms: "2/10 Net 30");
        await using var scope = db.ForTenant(tenant);

        var result = await scope.Services.GetRequiredService<PaymentRecorder>().RecordAsync(new RecordPaymentInput
        {
            CustomerId = customer,
            Amount = 980m,
            Currency = "EUR",
            ReceivedOn = db.Today.AddDays(5),
            Reference = "BANK-NEW-4711",
            Allocations = [new AllocationRequest(issued.Id, 980m)],
        }, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var discount = await scope.Db.CreditNotes.AsNoTracking().SingleAsync(c => c.InvoiceId == issued.Id);
        Assert.Equal(20m, discount.Amount);
        Assert.Equal($"CN-2026-{lastCredit + 1:00000}", discount.Number);
        Assert.Equal(0m, (await scope.Db.Invoices.AsNoTracking().SingleAsync(i => i.Id == issued.Id)).Balance);
    }

    [Fact]
    public async Task Issuing_after_an_import_continues_after_the_highest_imported_number_whatever_its_padding()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Importer GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Acme");
        await using (var scope = db.ForTenant(tenant))
        {
            await scope.Db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, "C-1"));
        }

        var before = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 10m, new DateOnly(2026, 6, 1));
        var csv = "invoice_number,customer_external_id,issue_date,due_date,currency,description,quantity,unit_price\n"
            + "INV-2026-0000041,C-1,2026-05-01,2026-05-31,EUR,Old work,1,100\n"
            + "INV-2026-00007,C-1,2026-05-02,2026-06-01,EUR,Older work,1,50\n"
            + "LEGACY-99,C-1,2026-05-03,2026-06-02,EUR,Other system,1,75\n";
        await using (var scope = db.ForTenant(tenant))
        {
            var report = await scope.Services.GetRequiredService<InvoiceCsvImporter>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportMode.AllOrNothing, null, CancellationToken.None);
            Assert.Equal(3, report.Created);
        }

        var after = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 20m, new DateOnly(2026, 6, 2));

        Assert.Equal("INV-2026-00001", before.Number);
        Assert.Equal("INV-2026-00042", after.Number);
    }

    [Fact]
    public async Task A_number_written_past_the_counter_is_skipped_rather_than_issued_twice()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Numbering GmbH");
        var customer = await LedgerBuilder.AddCustomerAsync(db, tenant, "Steady Buyer");
        var first = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 10m, db.Today);
        await LedgerBuilder.AddInvoiceAsync(db, tenant, customer.Id, "INV-2026-00002", 30m, db.Today, db.Today.AddDays(30));

        var next = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer.Id, 20m, db.Today);

        Assert.Equal("INV-2026-00001", first.Number);
        Assert.Equal("INV-2026-00003", next.Number);
    }

    [Fact]
    public async Task The_next_number_can_be_set_above_the_highest_used_but_never_at_or_below_it()
    {
        var (tenant, customer) = await NewDemoTenantAsync();
        var highest = await HighestAsync(tenant, DocumentSeries.Invoice, InvoiceNumberPattern.Default);
        await using (var scope = db.ForTenant(tenant))
        {
            var numbers = scope.Services.GetRequiredService<DocumentNumbers>();
            var refused = await numbers.SetNextAsync(DocumentSeries.Invoice, InvoiceNumberPattern.Default, db.Today, highest, CancellationToken.None);
            Assert.Equal(highest, refused.HighestUsed);
            Assert.Equal(highest + 1, (await numbers.PositionAsync(DocumentSeries.Invoice, InvoiceNumberPattern.Default, db.Today, CancellationToken.None)).Next);

            var set = await numbers.SetNextAsync(DocumentSeries.Invoice, InvoiceNumberPattern.Default, db.Today, 5000, CancellationToken.None);
            Assert.Equal(5000, set.Next);
        }

        var issued = await InvoicingBuilder.AddIssuedAsync(db, tenant, customer, 10m, db.Today);
        Assert.Equal("INV-2026-05000", issued.Number);
    }
}
