using ArCollect.Domain.Customers;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Demo;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.Bench.Dunning;

/// <summary>A tenant with many customers, each with open invoices due from 40 days ago to 10 days ahead (deterministic).</summary>
public static class BenchLedger
{
    public static async Task<Guid> CreateAsync(IServiceProvider provider, int customerCount, int invoiceCount)
    {
        var tenantId = Guid.CreateVersion7();
        var now = TimeProvider.System.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "Bench Tenant", BaseCurrency = "EUR", CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await using var tenantScope = provider.CreateAsyncScope();
        tenantScope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var tdb = tenantScope.ServiceProvider.GetRequiredService<ArCollectDbContext>();
        var random = new Random(20_000);
        var zones = new[] { "Europe/Berlin", "Europe/London", "America/New_York", "Etc/UTC" };
        var customers = Enumerable.Range(0, customerCount).Select(i => new Customer
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = $"Customer {i:D5}",
            Currency = "EUR",
            TimeZone = zones[i % zones.Length],
            IsKeyAccount = i % 50 == 0,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        var contacts = customers.Select(c => new Contact
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            CustomerId = c.Id,
            Name = "Accounts payable",
            Email = $"ap@{c.Name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example",
            IsPrimary = true,
        }).ToList();
        var invoices = Enumerable.Range(0, invoiceCount).Select(i =>
        {
            var due = today.AddDays(random.Next(-40, 11));
            var amount = Math.Round((decimal)(random.NextDouble() * 5000 + 50), 2);
            return new Invoice
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenantId,
                CustomerId = customers[i % customerCount].Id,
                Number = $"B-{i:D6}",
                IssueDate = due.AddDays(-30),
                DueDate = due,
                Currency = "EUR",
                Subtotal = amount,
                Total = amount,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }).ToList();
        await BulkLoader.InsertAsync(tdb, customers, CancellationToken.None);
        await BulkLoader.InsertAsync(tdb, contacts, CancellationToken.None);
        await BulkLoader.InsertAsync(tdb, invoices, CancellationToken.None);
        return tenantId;
    }
}
