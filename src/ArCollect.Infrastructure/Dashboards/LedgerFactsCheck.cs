using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>One row of the daily facts that the triggers left different from a rebuild: what was stored, what is true.</summary>
public sealed record LedgerFactDifference(
    string Currency, DateOnly Day, DateOnly DueDay, decimal StoredSales, decimal RebuiltSales, decimal StoredCash, decimal RebuiltCash,
    decimal StoredCredits, decimal RebuiltCredits, decimal StoredWriteOffs, decimal RebuiltWriteOffs, int StoredSettled, int RebuiltSettled);

/// <summary>
/// The nightly check of one tenant's daily facts: in one transaction it keeps a copy of the facts the triggers
/// maintained, rebuilds them from the ledger and compares the two. Any difference is repaired by that rebuild and
/// raised as a manager alert (through the outbox, so it shows on the Alerts page too), naming the currency and day.
/// </summary>
public sealed class LedgerFactsCheck(ArCollectDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<LedgerFactDifference>> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("The facts are checked per tenant.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE ledger_facts_before ON COMMIT DROP AS
            SELECT currency, day, due_day, sales, cash, credits, write_offs, settled_count, settled_days
            FROM ledger_daily_facts WHERE tenant_id = {tenantId}
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT ledger_facts_rebuild({tenantId})", cancellationToken);
        var differences = await db.Database.SqlQuery<LedgerFactDifference>($"""
            SELECT coalesce(a.currency, b.currency)::text AS currency, coalesce(a.day, b.day) AS day, coalesce(a.due_day, b.due_day) AS due_day,
                   coalesce(b.sales, 0) AS stored_sales, coalesce(a.sales, 0) AS rebuilt_sales,
                   coalesce(b.cash, 0) AS stored_cash, coalesce(a.cash, 0) AS rebuilt_cash,
                   coalesce(b.credits, 0) AS stored_credits, coalesce(a.credits, 0) AS rebuilt_credits,
                   coalesce(b.write_offs, 0) AS stored_write_offs, coalesce(a.write_offs, 0) AS rebuilt_write_offs,
                   coalesce(b.settled_count, 0) AS stored_settled, coalesce(a.settled_count, 0) AS rebuilt_settled
            FROM (SELECT * FROM ledger_daily_facts WHERE tenant_id = {tenantId}) a
            FULL JOIN ledger_facts_before b ON b.currency = a.currency AND b.day = a.day AND b.due_day = a.due_day
            WHERE (coalesce(a.sales, 0), coalesce(a.cash, 0), coalesce(a.credits, 0), coalesce(a.write_offs, 0),
                   coalesce(a.settled_count, 0), coalesce(a.settled_days, 0))
                  IS DISTINCT FROM
                  (coalesce(b.sales, 0), coalesce(b.cash, 0), coalesce(b.credits, 0), coalesce(b.write_offs, 0),
                   coalesce(b.settled_count, 0), coalesce(b.settled_days, 0))
            ORDER BY 1, 2, 3
            LIMIT 1000
            """).ToListAsync(cancellationToken);
        if (differences.Count > 0)
        {
            await AlertAsync(differences, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return differences;
    }

    private async Task AlertAsync(IReadOnlyList<LedgerFactDifference> differences, CancellationToken cancellationToken)
    {
        var recipients = await DashboardAlerts.ManagerEmailsAsync(db, cancellationToken);
        if (recipients.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var first = differences[0];
        var subject = $"The dashboards' daily ledger facts differed from the ledger on {differences.Count} row(s) and were rebuilt";
        var lines = differences.Take(20).Select(d =>
            $"{d.Currency} {d.Day:yyyy-MM-dd} (due {d.DueDay:yyyy-MM-dd}): sales {d.Currency} {d.StoredSales:N2} stored, {d.Currency} {d.RebuiltSales:N2} true; "
            + $"cash {d.Currency} {d.StoredCash:N2} / {d.RebuiltCash:N2}; credits {d.Currency} {d.StoredCredits:N2} / {d.RebuiltCredits:N2}; "
            + $"write-offs {d.Currency} {d.StoredWriteOffs:N2} / {d.RebuiltWriteOffs:N2}; settled {d.StoredSettled} / {d.RebuiltSettled}");
        await OutboxWriter.EnqueueAsync(db, new OutboxMessage
        {
            IdempotencyKey = $"ledger-facts-drift:{DateOnly.FromDateTime(now.UtcDateTime):yyyy-MM-dd}:{first.Currency}:{first.Day:yyyy-MM-dd}",
            Kind = MessageKind.ManagerAlert,
            ToAddresses = recipients,
            Subject = subject,
            TextBody = subject + ". Figures on the KPI and aging pages before today may have been wrong; something wrote to the ledger "
                + "without the triggers seeing it (report it to support).\n\n" + string.Join("\n", lines),
            MessageId = $"<{Guid.CreateVersion7():N}@arcollect.alerts>",
            NotBefore = now,
            CreatedAt = now,
        }, cancellationToken);
    }
}
