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
/// statement over the open invoices (partial index on balance &gt; 0) plus the invoices settled in the period
/// (partial index on settled_on). Disputes, promises, reminders and escalations are folded into one flags row per
/// invoice, and account-level promises into the customers, so the open invoices meet two hash joins, not six. An
/// escalation task names its invoice in its source key (<c>esc:{rule}:{invoice}</c>, or the broken promise whose
/// invoice it is); escalations about the whole account (no response to reminders) mark no invoice as escalated.
/// The open invoices come from the covering open-items index alone and are grouped straight by collector (a few
/// dozen groups), with no per-customer intermediate.
/// </summary>
public sealed class WorkflowQuery(ArCollectDbContext db)
{
    // Enough memory for the reminder-id hash of a large tenant to stay in memory; it spills to disk beyond that.
    private const string ReportWorkMem = "SET LOCAL work_mem = '64MB'";

    public async Task<List<WorkflowCell>> CellsAsync(DateOnly resolvedFrom, DateOnly today, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(ReportWorkMem, cancellationToken);
        var cells = await db.Database.SqlQueryRaw<WorkflowCell>(
            """
            WITH escalation_refs AS (
              SELECT split_part(source_key, ':', 3)::uuid AS ref
              FROM collection_tasks
              WHERE tenant_id = @tenant AND status = 'Open' AND source = 'Escalation' AND split_part(source_key, ':', 3) ~ '^[0-9a-f]+$'
                AND length(split_part(source_key, ':', 3)) = 32),
            invoice_flags AS (
              SELECT invoice_id, bool_or(k = 1) AS disputed, bool_or(k = 2) AS promised, bool_or(k = 3) AS reminded, bool_or(k = 4) AS escalated
              FROM (SELECT invoice_id, 1 AS k FROM disputes WHERE tenant_id = @tenant AND status IN ('Open', 'InReview', 'WaitingOnCustomer')
                    UNION ALL SELECT invoice_id, 2 FROM promises WHERE tenant_id = @tenant AND status = 'Open' AND invoice_id IS NOT NULL
                    UNION ALL SELECT DISTINCT invoice_id, 3 FROM reminder_log WHERE tenant_id = @tenant
                    UNION ALL SELECT COALESCE(p.invoice_id, e.ref), 4 FROM escalation_refs e LEFT JOIN promises p ON p.tenant_id = @tenant AND p.id = e.ref) f
              GROUP BY invoice_id),
            account_flags AS (
              SELECT customer_id, true AS promised FROM promises WHERE tenant_id = @tenant AND status = 'Open' AND invoice_id IS NULL GROUP BY customer_id),
            accounts AS (
              SELECT c.id, c.collector_id, COALESCE(a.promised, false) AS promised
              FROM customers c LEFT JOIN account_flags a ON a.customer_id = c.id
              WHERE c.tenant_id = @tenant),
            states AS (
              SELECT c.collector_id, o.currency,
                     CASE WHEN f.disputed THEN 'Disputed'
                          WHEN f.promised OR c.promised THEN 'Promised'
                          WHEN f.escalated THEN 'Escalated'
                          WHEN f.reminded THEN 'InFollowUp'
                          ELSE 'NotChased' END AS state,
                     count(*) AS count, sum(o.balance) AS open, COALESCE(sum(o.balance) FILTER (WHERE o.due_date < @today), 0) AS overdue
              FROM invoices o
              JOIN accounts c ON c.id = o.customer_id
              LEFT JOIN invoice_flags f ON f.invoice_id = o.id
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
