using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>One SQL group: a collector, a currency and a workflow state, with invoice count, open and overdue amounts.</summary>
public sealed record WorkflowCell(string CollectorKey, string CollectorName, string Currency, string State, int Count, decimal Open, decimal Overdue);

/// <summary>
/// Invoices by workflow state and collector (see <see cref="WorkflowStates"/> for the precedence), in one grouped
/// statement over the open invoices (covering partial index on balance &gt; 0) plus the invoices settled in the period
/// (partial index on settled_on). Each kind of flag (open disputes, open promises on an invoice or on the whole account,
/// open escalations, reminders sent) is a set the database hashes once and each open invoice looks up in precedence
/// order, so an invoice that is disputed is never looked up among the reminders (those, unbounded, are an EXISTS: the
/// planner hashes them when they fit in work_mem and probes their invoice index per open invoice when they do not,
/// where an IN that did not fit would rescan them per invoice); this replaced folding every flag into
/// one grouped row per invoice and joining it to the open invoices (520 ms at one million invoices, see
/// docs/benchmarks.md). An escalation task names its invoice in its source key (<c>esc:{rule}:{invoice}</c>, or the
/// broken promise whose invoice it is); escalations about the whole account (no response to reminders) mark no invoice
/// as escalated. The open invoices are grouped straight by collector (a few dozen groups), with no per-customer
/// intermediate.
/// </summary>
public sealed class WorkflowQuery(ArCollectDbContext db)
{
    // Enough memory for the reminder-id hash of a large tenant to stay in memory; it spills to disk beyond that.
    private const string ReportWorkMem = "SET LOCAL work_mem = '64MB'";

    // The planner prices each open invoice's set lookups high enough to pass jit_above_cost, and compiling the
    // statement took longer (about 0.5 s at 200,000 invoices) than running it.
    private const string NoJit = "SET LOCAL jit = off";

    public async Task<List<WorkflowCell>> CellsAsync(DateOnly resolvedFrom, DateOnly today, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(ReportWorkMem, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(NoJit, cancellationToken);
        var cells = await db.Database.SqlQueryRaw<WorkflowCell>(
            """
            WITH escalated AS (
              SELECT COALESCE((SELECT p.invoice_id FROM promises p WHERE p.tenant_id = @tenant AND p.id = e.ref), e.ref) AS invoice_id
              FROM (SELECT split_part(source_key, ':', 3)::uuid AS ref
                    FROM collection_tasks
                    WHERE tenant_id = @tenant AND status = 'Open' AND source = 'Escalation' AND split_part(source_key, ':', 3) ~ '^[0-9a-f]+$'
                      AND length(split_part(source_key, ':', 3)) = 32) e),
            states AS (
              SELECT c.collector_id, o.currency,
                     CASE WHEN o.id IN (SELECT invoice_id FROM disputes WHERE tenant_id = @tenant AND status IN ('Open', 'InReview', 'WaitingOnCustomer')) THEN 'Disputed'
                          WHEN o.id IN (SELECT invoice_id FROM promises WHERE tenant_id = @tenant AND status = 'Open' AND invoice_id IS NOT NULL)
                            OR c.id IN (SELECT customer_id FROM promises WHERE tenant_id = @tenant AND status = 'Open' AND invoice_id IS NULL) THEN 'Promised'
                          WHEN o.id IN (SELECT invoice_id FROM escalated) THEN 'Escalated'
                          WHEN EXISTS (SELECT 1 FROM reminder_log r WHERE r.tenant_id = @tenant AND r.invoice_id = o.id) THEN 'InFollowUp'
                          ELSE 'NotChased' END AS state,
                     count(*) AS count, sum(o.balance) AS open, COALESCE(sum(o.balance) FILTER (WHERE o.due_date < @today), 0) AS overdue
              FROM invoices o
              JOIN customers c ON c.tenant_id = @tenant AND c.id = o.customer_id
              WHERE o.tenant_id = @tenant AND o.balance > 0
              GROUP BY 1, 2, 3
              UNION ALL
              SELECT c.collector_id, i.currency, 'Resolved', count(*), 0, 0
              FROM invoices i
              JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
              WHERE i.tenant_id = @tenant AND i.settled_on >= @from AND i.settled_on <= @today AND i.state = 'Issued' AND i.balance = 0
              GROUP BY 1, 2)
            SELECT COALESCE(s.collector_id::text, '') AS collector_key, COALESCE(u.display_name, 'Unassigned') AS collector_name,
                   s.currency::text AS currency, s.state, sum(s.count)::int AS count, sum(s.open) AS open, sum(s.overdue) AS overdue
            FROM states s
            LEFT JOIN "AspNetUsers" u ON u.tenant_id = @tenant AND u.id = s.collector_id
            GROUP BY 1, 2, 3, 4
            """,
            new NpgsqlParameter("tenant", NpgsqlDbType.Uuid) { Value = db.RequiredTenantId },
            new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = resolvedFrom },
            new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today })
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return cells;
    }
}
