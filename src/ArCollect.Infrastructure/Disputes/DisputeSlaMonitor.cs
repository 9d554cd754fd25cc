using ArCollect.Domain.Activities;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArCollect.Infrastructure.Disputes;

/// <summary>
/// Marks live disputes past their SLA due time as breached and alerts the managers once per dispute (the outbox key
/// is the dispute's), with the timeline entry, in one transaction.
/// </summary>
public sealed class DisputeSlaMonitor(ArCollectDbContext db, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var breached = await db.Disputes
            .Where(d => (d.Status == DisputeStatus.Open || d.Status == DisputeStatus.InReview || d.Status == DisputeStatus.WaitingOnCustomer)
                && d.SlaBreachedAt == null && d.DueAt != null && d.DueAt < now)
            .OrderBy(d => d.DueAt).ToListAsync(cancellationToken);
        if (breached.Count == 0)
        {
            return 0;
        }

        var recipients = await DashboardAlerts.ManagerEmailsAsync(db, cancellationToken);
        var customerIds = breached.Select(d => d.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var invoiceIds = breached.Select(d => d.InvoiceId).ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        foreach (var dispute in breached)
        {
            dispute.SlaBreachedAt = now;
            var subject = $"Dispute SLA breached: {names[dispute.CustomerId]}, invoice {numbers[dispute.InvoiceId]} "
                + $"({DisputeReasonCodes.DefaultLabel(dispute.ReasonCode).ToLowerInvariant()}, {dispute.Currency} {dispute.Amount:N2}) was due {dispute.DueAt:yyyy-MM-dd HH:mm} UTC";
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = dispute.CustomerId,
                InvoiceId = dispute.InvoiceId,
                Type = ActivityType.Alert,
                At = now,
                Summary = subject,
            });
            if (recipients.Length > 0)
            {
                await OutboxWriter.EnqueueAsync(db, new OutboxMessage
                {
                    IdempotencyKey = $"dispute-sla:{dispute.Id:N}",
                    Kind = MessageKind.ManagerAlert,
                    CustomerId = dispute.CustomerId,
                    ToAddresses = recipients,
                    Subject = subject,
                    TextBody = subject + ".\n\nOpen the dispute queue in ArCollect to reassign or resolve it.",
                    MessageId = MessageComposer.NewMessageId("arcollect.alerts"),
                    NotBefore = now,
                    CreatedAt = now,
                }, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return breached.Count;
    }
}

/// <summary>Checks dispute SLAs for one tenant, or every tenant in the recurring run.</summary>
public sealed class DisputeSlaJob(TenantJobRunner runner, ILogger<DisputeSlaJob> logger)
{
    public const string RecurringId = "dispute-sla";

    public async Task RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var breached = await runner.RunAsync(tenantId, sp => sp.GetRequiredService<DisputeSlaMonitor>().RunAsync(cancellationToken));
        logger.LogInformation("Dispute SLA check for {TenantId}: {Breached} newly breached", tenantId, breached);
    }

    [AutomaticRetry(Attempts = 0)]
    public Task RunAllAsync(CancellationToken cancellationToken) =>
        runner.ForEachTenantAsync(RecurringId, tenantId => RunAsync(tenantId, cancellationToken), cancellationToken);
}

public static class DisputeServiceCollectionExtensions
{
    /// <summary>Dispute workflow: lifecycle, resolution, SLA checks, suggestions and analytics.</summary>
    public static IServiceCollection AddArCollectDisputes(this IServiceCollection services)
    {
        services.AddScoped<DisputeService>();
        services.AddScoped<DisputeResolver>();
        services.AddScoped<DisputeSlaMonitor>();
        services.AddScoped<DisputeSuggestions>();
        services.AddScoped<DisputeAnalytics>();
        services.AddTransient<DisputeSlaJob>();
        return services;
    }
}
