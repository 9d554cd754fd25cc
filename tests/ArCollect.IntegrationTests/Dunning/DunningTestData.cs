using ArCollect.Domain.Customers;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Dunning;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArCollect.IntegrationTests.Dunning;

/// <summary>Helpers for reminder-run tests; "today" is the test clock's day, Monday 15 June 2026.</summary>
internal static class DunningTestData
{
    public static async Task<ReminderRunResult> RunAsync(TestDatabase db, Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Services.GetRequiredService<ReminderRunner>().RunAsync(CancellationToken.None);
    }

    /// <summary>An invoice of 100 x <paramref name="amount"/> due <paramref name="daysOverdue"/> days before today.</summary>
    public static Task AddOverdueAsync(TestDatabase db, Guid tenantId, Customer customer, string number, int daysOverdue, decimal amount = 100m) =>
        LedgerBuilder.AddInvoiceAsync(db, tenantId, customer.Id, number, amount, db.Today.AddDays(-daysOverdue - 30), db.Today.AddDays(-daysOverdue));

    public static async Task<List<OutboxMessage>> OutboxAsync(TestDatabase db, Guid tenantId, MessageKind kind = MessageKind.Reminder)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public static async Task<List<CollectionTask>> TasksAsync(TestDatabase db, Guid tenantId)
    {
        await using var scope = db.ForTenant(tenantId);
        return await scope.Db.CollectionTasks.AsNoTracking().OrderBy(t => t.Title).ToListAsync();
    }

    public static async Task UpdateCustomerAsync(TestDatabase db, Guid tenantId, Guid customerId, Action<Customer> change)
    {
        await using var scope = db.ForTenant(tenantId);
        var customer = await scope.Db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == customerId);
        change(customer);
        await scope.Db.SaveChangesAsync();
    }
}
