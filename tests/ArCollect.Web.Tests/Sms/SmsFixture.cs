using ArCollect.Domain.Dunning;
using ArCollect.Infrastructure.Data;
using ArCollect.IntegrationTests.Sms;
using ArCollect.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Tests.Sms;

/// <summary>The real app with Twilio's API address pointed at a loopback server that answers as Twilio does.</summary>
public sealed class SmsFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new();

    public TwilioTestServer Twilio { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await TwilioTestServer.StartAsync();
        App.ExtraSettings["Sms:ApiBaseUrl"] = Twilio.BaseUrl;
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>An open call task on an overdue customer, as a policy step with the call channel leaves it.</summary>
    public async Task<(Guid CustomerId, Guid TaskId)> AddCallTaskAsync(Guid tenantId, string customer, string invoiceNumber, decimal amount)
    {
        var customerId = await LedgerSeed.AddOverdueCustomerAsync(App, tenantId, customer, invoiceNumber, amount, 20);
        var taskId = Guid.CreateVersion7();
        await LedgerSeed.WithDbAsync(App, tenantId, async db =>
        {
            var invoiceIds = await db.Invoices.Where(i => i.CustomerId == customerId).Select(i => i.Id).ToListAsync();
            db.CollectionTasks.Add(new CollectionTask
            {
                Id = taskId,
                CustomerId = customerId,
                Assignee = TaskAssignee.Collector,
                Title = $"Call {customer}: EUR {amount:N2} overdue",
                DueOn = LedgerSeed.Today(App),
                Status = CollectionTaskStatus.Open,
                Source = "Call",
                SourceKey = "calltask:" + taskId.ToString("N"),
                CreatedAt = DateTimeOffset.UtcNow,
                CallScript = $"Call Pat Payables at {customer} on +4915112345678.\nOverdue: EUR {amount:N2} on 1 invoice(s).\n- {invoiceNumber}, 20 days overdue",
                InvoiceIds = invoiceIds,
            });
            return await db.SaveChangesAsync();
        });
        return (customerId, taskId);
    }

    public Task<T> WithDbAsync<T>(Guid tenantId, Func<ArCollectDbContext, Task<T>> work) => LedgerSeed.WithDbAsync(App, tenantId, work);
}
