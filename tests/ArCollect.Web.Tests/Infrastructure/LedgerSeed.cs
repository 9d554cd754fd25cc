using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>Adds a customer with one overdue invoice to a company, through the app's own DbContext.</summary>
public static class LedgerSeed
{
    public static async Task<Guid> AddOverdueCustomerAsync(AppFixture app, Guid tenantId, string name, string invoiceNumber, decimal amount, int daysOverdue)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var customer = new Customer { Id = Guid.CreateVersion7(), Name = name, Currency = "EUR", CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
        customer.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), Name = "Pat Payables", Email = "pat@customer.example", IsPrimary = true });
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Number = invoiceNumber,
            Currency = "EUR",
            IssueDate = today.AddDays(-daysOverdue - 30),
            DueDate = today.AddDays(-daysOverdue),
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Goods", Quantity = 1, UnitPrice = amount, TaxRate = 0 }]);
        db.Customers.Add(customer);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
        return customer.Id;
    }
}
