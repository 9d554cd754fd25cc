using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Ledger;

/// <summary>One broken ledger rule: which row breaks it and how.</summary>
public sealed record LedgerViolation(string Entity, Guid Id, string Label, string Rule);

/// <summary>
/// The ledger's invariants written as one read-only SQL query over the context's tenant: each invoice's paid, credited
/// and written-off amounts equal the sum of its allocations, credit notes and write-offs; its balance lies between zero
/// and its total; it is settled exactly when an issued invoice's balance is zero; each payment's allocations and
/// unapplied rest add up to it; every amount is rounded to its currency's minor units. Finding nothing means the ledger
/// is consistent; integration tests run it after every write path and the nightly check runs it per tenant.
/// </summary>
public static class LedgerInvariants
{
    /// <summary>At most this many violations are reported; one is already too many.</summary>
    public const int Limit = 1000;

    public static async Task<IReadOnlyList<LedgerViolation>> FindAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId
            ?? throw new InvalidOperationException("The ledger is checked per tenant; scope the context to one first.");
        return await db.Database.SqlQueryRaw<LedgerViolation>(Sql, tenantId).ToListAsync(cancellationToken);
    }

    /// <summary>A SQL expression giving the minor units of the currency in <paramref name="column"/>, as <see cref="CurrencyCodes.MinorUnits"/>.</summary>
    public static string MinorUnitsSql(string column) =>
        $"(CASE {column} {string.Join(" ", CurrencyCodes.NotTwoMinorUnits.Select(c => $"WHEN '{c.Code}' THEN {c.MinorUnits}"))} ELSE 2 END)";

    private static string Rounded(string amount, string currency) => $"{amount} <> round({amount}, {MinorUnitsSql(currency)})";

    private static readonly string Sql = $$"""
        WITH allocated AS (
            SELECT invoice_id, sum(amount) AS amount FROM payment_allocations WHERE tenant_id = {0} GROUP BY invoice_id),
        credited AS (
            SELECT invoice_id, sum(amount) AS amount FROM credit_notes WHERE tenant_id = {0} AND invoice_id IS NOT NULL GROUP BY invoice_id),
        written_off AS (
            SELECT invoice_id, sum(amount) AS amount FROM write_offs WHERE tenant_id = {0} GROUP BY invoice_id),
        fees AS (
            SELECT invoice_id, sum(net_amount + tax_amount) AS amount FROM invoice_lines
            WHERE tenant_id = {0} AND late_fee_period IS NOT NULL GROUP BY invoice_id),
        applied AS (
            SELECT payment_id, sum(amount) AS amount FROM payment_allocations WHERE tenant_id = {0} GROUP BY payment_id)
        SELECT "Entity", "Id", "Label", "Rule" FROM (
            SELECT 'Invoice' AS "Entity", i.id AS "Id", i.number AS "Label", r.rule AS "Rule"
            FROM invoices i
            LEFT JOIN allocated a ON a.invoice_id = i.id
            LEFT JOIN credited c ON c.invoice_id = i.id
            LEFT JOIN written_off w ON w.invoice_id = i.id
            LEFT JOIN fees f ON f.invoice_id = i.id
            CROSS JOIN LATERAL (VALUES
                ('late fees ' || i.late_fees || ' are not the sum of its late-fee lines ' || coalesce(f.amount, 0),
                    i.late_fees <> coalesce(f.amount, 0)),
                ('paid ' || i.amount_paid || ' is not the sum of its allocations ' || coalesce(a.amount, 0),
                    i.amount_paid <> coalesce(a.amount, 0)),
                ('credited ' || i.amount_credited || ' is not the sum of its credit notes ' || coalesce(c.amount, 0),
                    i.amount_credited <> coalesce(c.amount, 0)),
                ('written off ' || i.amount_written_off || ' is not the sum of its write-offs ' || coalesce(w.amount, 0),
                    i.amount_written_off <> coalesce(w.amount, 0)),
                ('balance ' || i.balance || ' is not between zero and the total ' || i.total, i.balance < 0 OR i.balance > i.total),
                ('settled on ' || i.settled_on || ' with ' || i.balance || ' still open', i.balance > 0 AND i.settled_on IS NOT NULL),
                ('issued, nothing open, but no settled date', i.state = 'Issued' AND i.total > 0 AND i.balance = 0 AND i.settled_on IS NULL),
                ('an amount is not rounded to the minor units of ' || i.currency,
                    {{Rounded("i.total", "i.currency")}} OR {{Rounded("i.amount_paid", "i.currency")}}
                    OR {{Rounded("i.amount_credited", "i.currency")}} OR {{Rounded("i.amount_written_off", "i.currency")}})
            ) AS r(rule, broken)
            WHERE i.tenant_id = {0} AND r.broken
            UNION ALL
            SELECT 'Payment', p.id, coalesce(p.reference, p.id::text), r.rule
            FROM payments p
            LEFT JOIN applied a ON a.payment_id = p.id
            CROSS JOIN LATERAL (VALUES
                ('amount ' || p.amount || ' is not its allocations ' || coalesce(a.amount, 0) || ' plus unapplied ' || p.unapplied_amount,
                    p.amount <> coalesce(a.amount, 0) + p.unapplied_amount),
                ('unapplied ' || p.unapplied_amount || ' is negative', p.unapplied_amount < 0),
                ('an amount is not rounded to the minor units of ' || p.currency,
                    {{Rounded("p.amount", "p.currency")}} OR {{Rounded("p.unapplied_amount", "p.currency")}})
            ) AS r(rule, broken)
            WHERE p.tenant_id = {0} AND r.broken
            UNION ALL
            SELECT 'CreditNote', n.id, n.number, 'amount ' || n.amount || ' is not rounded to the minor units of ' || n.currency
            FROM credit_notes n WHERE n.tenant_id = {0} AND {{Rounded("n.amount", "n.currency")}}
            UNION ALL
            SELECT 'WriteOff', o.id, o.id::text, 'amount ' || o.amount || ' is not rounded to the minor units of ' || o.currency
            FROM write_offs o WHERE o.tenant_id = {0} AND {{Rounded("o.amount", "o.currency")}}
        ) v
        ORDER BY 1, 3, 4
        LIMIT {{Limit}}
        """;
}
