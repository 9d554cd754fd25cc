using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Invoices;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ArCollect.IntegrationTests.Disputes.DisputeTestKit;

namespace ArCollect.IntegrationTests.Disputes;

public sealed class DisputeRiskPreSendTests : IAsyncLifetime
{
    private readonly TestDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_new_pallet_invoice_for_a_customer_with_three_pallet_quantity_disputes_gets_a_warning_not_an_error()
    {
        var tenant = await LedgerBuilder.CreateTenantAsync(db, "Pallets AG");
        var customer = (await LedgerBuilder.AddCustomerAsync(db, tenant, "Warehouse")).Id;
        for (var n = 0; n < 3; n++)
        {
            var invoice = await DraftAsync(tenant, customer, "Euro pallets 1200x800", db.Today.AddDays(-60 + (n * 10)));
            await using (var scope = db.ForTenant(tenant))
            {
                Assert.True((await scope.Services.GetRequiredService<InvoiceIssuer>().IssueAsync(invoice.Id, CancellationToken.None)).Succeeded);
            }

            Assert.True((await OpenAsync(db, tenant, "quantity", (invoice.Id, 10m))).Succeeded);
        }

        var pallets = await DraftAsync(tenant, customer, "Euro pallets, heat treated", db.Today);
        var consulting = await DraftAsync(tenant, customer, "Consulting", db.Today);

        await using var check = db.ForTenant(tenant);
        var checks = check.Services.GetRequiredService<PreSendChecks>();
        var warned = await checks.CheckAsync(await check.Db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == pallets.Id), CancellationToken.None);
        var quiet = await checks.CheckAsync(await check.Db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == consulting.Id), CancellationToken.None);

        Assert.True(warned.CanIssue);
        Assert.Contains(warned.Warnings, w => w.Message == "3 quantity disputes on euro pallets in 6 months from this customer (line \"Euro pallets, heat treated\"): check it before sending.");
        Assert.DoesNotContain(quiet.Warnings, w => w.Message.Contains("disputes", StringComparison.Ordinal));
    }

    private async Task<Invoice> DraftAsync(Guid tenant, Guid customer, string line, DateOnly issued)
    {
        await using var scope = db.ForTenant(tenant);
        var (invoice, error) = await scope.Services.GetRequiredService<InvoiceDrafts>().CreateAsync(new InvoiceInput
        {
            CustomerId = customer,
            IssueDate = issued,
            Currency = "EUR",
            Lines = [new InvoiceLineInput { Description = line, Quantity = 10, UnitPrice = 12.5m, TaxRate = 0 }],
        }, dueFromTerms: true, CancellationToken.None);
        Assert.True(invoice is not null, error);
        return invoice!;
    }
}
