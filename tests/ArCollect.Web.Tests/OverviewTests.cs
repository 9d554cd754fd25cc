using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Tests.Infrastructure;

namespace ArCollect.Web.Tests;

public sealed class OverviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Overview_shows_open_and_overdue_totals_per_currency_for_the_signed_in_company_only()
    {
        var mine = await TenantSeed.CreateCompanyAsync(app, "Overview Mine");
        var theirs = await TenantSeed.CreateCompanyAsync(app, "Overview Theirs");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Mine: EUR 1,000 overdue + EUR 250 not yet due = 1,250 open, 1,000 overdue in 1 invoice; USD 40 overdue.
        await AddAsync(mine.TenantId, "Kunde Eins", "EUR", ("M-1", 1000m, today.AddDays(-10)), ("M-2", 250m, today.AddDays(5)));
        await AddAsync(mine.TenantId, "Yankee Buyer", "USD", ("M-3", 40m, today.AddDays(-1)));
        await AddAsync(theirs.TenantId, "Hidden Customer", "EUR", ("T-1", 99999m, today.AddDays(-100)));
        using var client = app.NewClient();
        await client.SignInAsync(mine.ClerkEmail, TenantSeed.Password);

        var page = await client.GetPageAsync("/");

        Assert.Contains("1,250.00", page, StringComparison.Ordinal);
        Assert.Contains("1,000.00 overdue", page, StringComparison.Ordinal);
        Assert.Contains("Open receivables (USD)", page, StringComparison.Ordinal);
        Assert.Contains("Kunde Eins", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Customer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("99,999.00", page, StringComparison.Ordinal);
    }

    private async Task AddAsync(Guid tenantId, string name, string currency, params (string Number, decimal Amount, DateOnly Due)[] invoices)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var customer = new Customer { Id = Guid.CreateVersion7(), Name = name, Currency = currency };
        db.Customers.Add(customer);
        foreach (var (number, amount, due) in invoices)
        {
            var invoice = new Invoice
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Number = number,
                Currency = currency,
                IssueDate = due.AddDays(-30),
                DueDate = due,
            };
            InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Goods", Quantity = 1, UnitPrice = amount }]);
            db.Invoices.Add(invoice);
        }

        await db.SaveChangesAsync();
    }
}
