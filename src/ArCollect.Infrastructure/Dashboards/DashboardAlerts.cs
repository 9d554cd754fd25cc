using ArCollect.Domain.Activities;
using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Forecasting;
using ArCollect.Domain.Messaging;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Forecasting;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// The manager alerts of one tenant: key accounts aging past the threshold and customers over their credit limit
/// (once per crossing, remembered in <see cref="AlertState"/>), and finished weeks whose receipts fell short of
/// forecast (once per week). Each decision, its email and its timeline entry are written in one transaction.
/// </summary>
public sealed class DashboardAlerts(ArCollectDbContext db, ForecastService forecast, TimeProvider time)
{
    public sealed record Outcome(int Crossings, int Cleared, int Shortfalls);

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var settings = await db.SettingsAsync(cancellationToken);
        var recipients = await ManagerEmailsAsync(cancellationToken);
        var view = await forecast.ComputeAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agingLine = today.AddDays(-settings.KeyAccountAgingDays);
        var agingOver = await db.Customers.Where(c => c.IsKeyAccount)
            .Where(c => db.Invoices.Any(i => i.CustomerId == c.Id && i.Balance > 0 && i.DueDate < agingLine))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var creditOver = await db.Customers.Where(c => c.CreditLimit != null)
            .Where(c => db.Invoices.Where(i => i.CustomerId == c.Id && i.Balance > 0 && i.Currency == c.Currency).Sum(i => i.Balance) > c.CreditLimit)
            .Select(c => c.Id).ToListAsync(cancellationToken);

        var (crossedAging, clearedAging) = await UpdateStatesAsync(AlertKind.KeyAccountAging, agingOver, today, cancellationToken);
        var (crossedCredit, clearedCredit) = await UpdateStatesAsync(AlertKind.CreditLimit, creditOver, today, cancellationToken);
        var crossed = crossedAging.Concat(crossedCredit).ToList();
        var names = await db.Customers.Where(c => crossed.Select(s => s.CustomerId).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.Name, c.Currency, c.CreditLimit), cancellationToken);
        foreach (var state in crossed)
        {
            var (name, currency, limit) = names[state.CustomerId];
            var subject = state.Kind == AlertKind.KeyAccountAging
                ? $"Key account {name} has an invoice more than {settings.KeyAccountAgingDays} days past due"
                : $"{name} is over its credit limit of {currency} {limit:N2}";
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = state.CustomerId,
                Type = ActivityType.Alert,
                At = time.GetUtcNow(),
                Summary = subject,
            });
            await EnqueueAsync($"alert:{state.Kind}:{state.CustomerId}:{state.Crossings}", state.CustomerId, subject, recipients, cancellationToken);
        }

        await forecast.SaveSnapshotsAsync(view, cancellationToken);
        var shortfalls = 0;
        var past = await forecast.PastWeeksAsync(2, cancellationToken);
        foreach (var week in past.Where(w => w.ShortfallAlertedOn is null && CashForecast.IsShortfall(w.Forecast, w.Actual, settings.ForecastVarianceThresholdPercent)))
        {
            var subject = $"Receipts for the week of {week.WeekStart:yyyy-MM-dd} were {view.BaseCurrency} {week.Actual:N2}, "
                + $"{-week.VariancePercent!.Value:N1}% under the forecast of {view.BaseCurrency} {week.Forecast:N2}";
            await EnqueueAsync($"forecast-shortfall:{week.WeekStart:yyyy-MM-dd}", null, subject, recipients, cancellationToken);
            await db.ForecastSnapshots.Where(s => s.WeekStart == week.WeekStart)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShortfallAlertedOn, today), cancellationToken);
            shortfalls++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(crossed.Count, clearedAging + clearedCredit, shortfalls);
    }

    private async Task<(List<AlertState> Crossed, int Cleared)> UpdateStatesAsync(
        AlertKind kind, IReadOnlyCollection<Guid> over, DateOnly today, CancellationToken cancellationToken)
    {
        var states = await db.AlertStates.Where(s => s.Kind == kind).ToDictionaryAsync(s => s.CustomerId, cancellationToken);
        var crossed = new List<AlertState>();
        foreach (var customerId in over)
        {
            if (!states.TryGetValue(customerId, out var state))
            {
                state = new AlertState { Id = Guid.CreateVersion7(), CustomerId = customerId, Kind = kind };
                db.AlertStates.Add(state);
            }

            if (!state.IsOver)
            {
                state.IsOver = true;
                state.Crossings++;
                state.LastCrossedOn = today;
                crossed.Add(state);
            }
        }

        var cleared = 0;
        foreach (var state in states.Values.Where(s => s.IsOver && !over.Contains(s.CustomerId)))
        {
            state.IsOver = false;
            state.LastClearedOn = today;
            cleared++;
        }

        return (crossed, cleared);
    }

    private async Task EnqueueAsync(string key, Guid? customerId, string subject, string recipients, CancellationToken cancellationToken)
    {
        if (recipients.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            IdempotencyKey = key,
            Kind = MessageKind.ManagerAlert,
            CustomerId = customerId,
            ToAddresses = recipients,
            Subject = subject,
            TextBody = subject + ".\n\nSee the dashboards in ArCollect for the details.",
            MessageId = $"<{Guid.CreateVersion7():N}@arcollect.alerts>",
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
    }

    // Customers carry a collector but no manager: alerts go to every manager of the tenant (admins if there is none).
    private Task<string> ManagerEmailsAsync(CancellationToken cancellationToken) => ManagerEmailsAsync(db, cancellationToken);

    /// <summary>The addresses manager alerts go to: the tenant's managers, else its admins, comma-separated.</summary>
    internal static async Task<string> ManagerEmailsAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId!.Value;
        var byRole = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where u.TenantId == tenantId && (r.Name == Roles.Manager || r.Name == Roles.Admin) && u.Email != null
                            select new { u.Email, r.Name }).ToListAsync(cancellationToken);
        var managers = byRole.Where(x => x.Name == Roles.Manager).Select(x => x.Email!).ToList();
        return string.Join(", ", (managers.Count > 0 ? managers : byRole.Select(x => x.Email!)).Distinct().Order(StringComparer.Ordinal));
    }
}
