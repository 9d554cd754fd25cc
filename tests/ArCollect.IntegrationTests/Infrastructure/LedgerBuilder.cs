using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;

namespace ArCollect.IntegrationTests.Infrastructure;

/// <summary>Creates small, readable ledgers for tests through the real DbContext.</summary>
public static class LedgerBuilder
{
    public static async Task<Guid> CreateTenantAsync(TestDatabase db, string name, string currency = "EUR")
    {
        var id = Guid.CreateVersion7();
        await using var scope = db.WithoutTenant();
        scope.Db.Tenants.Add(new Tenant { Id = id, Name = name, BaseCurrency = currency, CreatedAt = db.Time.GetUtcNow() });
        await scope.Db.SaveChangesAsync();
        return id;
    }

    public static async Task<Customer> AddCustomerAsync(TestDatabase db, Guid tenantId, string name, string currency = "EUR")
    {
        await using var scope = db.ForTenant(tenantId);
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Currency = currency,
            CreatedAt = db.Time.GetUtcNow(),
            UpdatedAt = db.Time.GetUtcNow(),
        };
        customer.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), Name = "Accounts", Email = $"ap@{name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example", IsPrimary = true });
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        return customer;
    }

    public static async Task<Invoice> AddInvoiceAsync(
        TestDatabase db, Guid tenantId, Guid customerId, string number, decimal amount, DateOnly issued, DateOnly due, string currency = "EUR")
    {
        await using var scope = db.ForTenant(tenantId);
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Number = number,
            IssueDate = issued,
            DueDate = due,
            Currency = currency,
            CreatedAt = db.Time.GetUtcNow(),
            UpdatedAt = db.Time.GetUtcNow(),
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Services", Quantity = 1, UnitPrice = amount, TaxRate = 0 }]);
        scope.Db.Invoices.Add(invoice);
        await scope.Db.SaveChangesAsync();
        return invoice;
    }
}
