using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;

namespace ArCollect.Web.Tests.Infrastructure;

/// <summary>Writes customers and invoices straight through the app's DbContext, scoped to one company.</summary>
public static class LedgerSeed
{
    /// <summary>"Today" as the app sees it, so tests and pages agree on due dates and days overdue.</summary>
    public static DateOnly Today(AppFixture app) =>
        DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    public static async Task<Guid> AddCustomerAsync(
        AppFixture app, Guid tenantId, string name, string currency = "EUR", string? externalId = null,
        string? contactEmail = null, Guid? collectorId = null, int termsDays = 30)
    {
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            ExternalId = externalId,
            Currency = currency,
            PaymentTermsDays = termsDays,
            CollectorId = collectorId,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        if (contactEmail is not null)
        {
            customer.Contacts.Add(new Contact { Id = Guid.CreateVersion7(), Name = "Accounts payable", Email = contactEmail, IsPrimary = true });
        }

        await WithDbAsync(app, tenantId, db =>
        {
            db.Customers.Add(customer);
            return db.SaveChangesAsync();
        });
        return customer.Id;
    }

    public static async Task<Guid> AddInvoiceAsync(
        AppFixture app, Guid tenantId, Guid customerId, string number, decimal amount, DateOnly issued, DateOnly due,
        string currency = "EUR", decimal paid = 0m, bool disputed = false)
    {
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            Number = number,
            IssueDate = issued,
            DueDate = due,
            Currency = currency,
            AmountPaid = paid,
            IsDisputed = disputed,
            SettledOn = paid >= amount ? due : null,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        InvoiceTotals.Apply(invoice, [new InvoiceLineInput { Description = "Services", Quantity = 1m, UnitPrice = amount }]);
        await WithDbAsync(app, tenantId, db =>
        {
            db.Invoices.Add(invoice);
            if (paid > 0m)
            {
                // The database holds paid = sum of allocations, so what was paid comes with the payment behind it.
                var payment = new Payment
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = customerId,
                    ReceivedOn = invoice.SettledOn ?? issued,
                    Amount = paid,
                    Currency = currency,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                payment.Allocations.Add(new PaymentAllocation { Id = Guid.CreateVersion7(), InvoiceId = invoice.Id, Amount = paid });
                db.Payments.Add(payment);
            }

            return db.SaveChangesAsync();
        });
        return invoice.Id;
    }

    /// <summary>Runs database work as the given company, the way a request of one of its users would.</summary>
    public static async Task<T> WithDbAsync<T>(AppFixture app, Guid tenantId, Func<ArCollectDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider.GetRequiredService<ArCollectDbContext>());
    }

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
