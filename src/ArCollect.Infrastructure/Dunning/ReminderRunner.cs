using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArCollect.Infrastructure.Dunning;

public sealed record ReminderRunResult(int Batches, int Customers, int Decisions, int Messages, int Parked, int Tasks, int ThankedInvoices = 0);

/// <summary>
/// The reminder run of the current tenant: customers in batches by id; each batch is loaded with a fixed number of
/// queries, decided by the domain rules and written (reminder log, outbox, timeline, tasks) in one transaction.
/// A per-tenant advisory lock serialises concurrent runs, and the reminder log makes a second run a no-op.
/// The policies' thank-you step follows the reminders (<see cref="ThankYouWriter"/>).
/// </summary>
public sealed class ReminderRunner(
    ArCollectDbContext db,
    ReminderTemplateEngine templates,
    TimeProvider time,
    IOptions<DunningOptions> options,
    ILogger<ReminderRunner> logger)
{
    public async Task<ReminderRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("The reminder run needs a tenant.");
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken);
        var now = time.GetUtcNow();
        var runDate = LocalDate(now, tenant.TimeZone);
        await DunningSetup.EnsureDefaultsAsync(db, tenantId, cancellationToken);
        var setup = await DunningSetup.LoadAsync(db, tenantId, cancellationToken);
        var earliestOffset = setup.Policies.Values.SelectMany(p => p.Steps).Select(s => s.OffsetDays).DefaultIfEmpty(0).Min();
        var horizon = runDate.AddDays(Math.Max(0, -earliestOffset));
        var writer = new ReminderBatchWriter(db, templates, options.Value, tenant, setup, runDate, now);

        var totals = new ReminderRunResult(0, 0, 0, 0, 0, 0);
        var after = Guid.Empty;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"reminder-run:" + tenantId}, 0))", cancellationToken);
            var ids = await DunningBatchLoader.NextCustomerIdsAsync(db, tenantId, horizon, after, options.Value.BatchSize, cancellationToken);
            if (ids.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                break;
            }

            var batch = await DunningBatchLoader.LoadAsync(db, tenantId, ids, runDate, cancellationToken);
            var written = await writer.WriteAsync(batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            totals = new ReminderRunResult(
                totals.Batches + 1, totals.Customers + ids.Count, totals.Decisions + written.Decisions,
                totals.Messages + written.Messages, totals.Parked + written.Parked, totals.Tasks + written.Tasks);
            after = ids[^1];
        }

        var thanked = await new ThankYouWriter(db, templates, options.Value, tenant, setup, runDate, now).WriteAsync(cancellationToken);
        totals = totals with { ThankedInvoices = thanked };
        logger.LogInformation(
            "Reminder run for {TenantId} on {RunDate}: {Customers} customers, {Messages} messages, {Parked} parked, {Tasks} tasks, {ThankedInvoices} invoices thanked for",
            tenantId, runDate, totals.Customers, totals.Messages, totals.Parked, totals.Tasks, thanked);
        return totals;
    }

    public static DateOnly LocalDate(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(now, zone).DateTime
            : now.UtcDateTime);
}
