using ArCollect.Infrastructure.Data;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// The SQL that keeps <c>ledger_daily_facts</c> equal to the ledger: statement-level AFTER triggers with transition
/// tables on invoices, invoice_lines (late fees), payment_allocations, payments, credit_notes and write_offs add the
/// signed deltas of each statement with one <c>INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE</c>, in the
/// writer's transaction, whatever wrote (pages, API, CSV import, late fees, demo seeding, bulk loader).
/// <c>ledger_facts_rebuild(tenant)</c> recomputes a tenant (all tenants for NULL) from scratch, set-based; the nightly
/// <see cref="LedgerFactsCheck"/> compares the two.
/// </summary>
/// <remarks>
/// Events of an issued invoice, in its currency and keyed by its due day: the sale (total less late fees) on the issue
/// day; each late fee on the day it was charged; each allocation of a payment on the day the payment was received;
/// each credit note on its issue day; each write-off on its own day; and the settlement itself (count 1, days from
/// issue). An event after the due day is stored with due day = its day - 1: every due day before the event answers
/// "is it current on a day on or after the event?" the same way, and late events collapse into one row per day.
/// A payment with allocations cannot be deleted (the foreign key restricts it): its allocations are deleted first,
/// while the payment still exists, so their trigger reverses the cash.
/// </remarks>
public static class LedgerFactsSql
{
    private const string Columns = "tenant_id, currency, day, due_date, sales, cash, credits, write_offs, settled_count, settled_days";

    /// <summary>Creates (or replaces) the functions and triggers; idempotent.</summary>
    public static string Install => string.Join("\n", [
        Function("ledger_facts_invoices_inserted", Upsert(InvoiceEvents("new_rows", 1))),
        Function("ledger_facts_invoices_updated", Upsert(string.Join("\nUNION ALL\n", [
            InvoiceEvents("old_rows", -1),
            InvoiceEvents("new_rows", 1),
            AllocationEvents("payment_allocations", "payments", "old_rows", -1, InvoiceKeyChanged("i", "other")),
            AllocationEvents("payment_allocations", "payments", "new_rows", 1, InvoiceKeyChanged("other", "i")),
            CreditEvents("credit_notes", "old_rows", -1, InvoiceKeyChanged("i", "other")),
            CreditEvents("credit_notes", "new_rows", 1, InvoiceKeyChanged("other", "i")),
            WriteOffEvents("write_offs", "old_rows", -1, InvoiceKeyChanged("i", "other")),
            WriteOffEvents("write_offs", "new_rows", 1, InvoiceKeyChanged("other", "i")),
            FeeEvents("invoice_lines", "old_rows", -1, InvoiceKeyChanged("i", "other")),
            FeeEvents("invoice_lines", "new_rows", 1, InvoiceKeyChanged("other", "i")),
        ]))),
        Function("ledger_facts_invoices_deleted", Upsert(InvoiceEvents("old_rows", -1))),
        Function("ledger_facts_allocations_inserted", Upsert(AllocationEvents("new_rows", "payments", "invoices", 1))),
        Function("ledger_facts_allocations_updated", Upsert(
            AllocationEvents("old_rows", "payments", "invoices", -1) + "\nUNION ALL\n" + AllocationEvents("new_rows", "payments", "invoices", 1))),
        Function("ledger_facts_allocations_deleted", Upsert(AllocationEvents("old_rows", "payments", "invoices", -1))),
        Function("ledger_facts_payments_updated", Upsert(
            AllocationEvents("payment_allocations", "old_rows", "invoices", -1, PaymentDayChanged("p", "other"))
            + "\nUNION ALL\n"
            + AllocationEvents("payment_allocations", "new_rows", "invoices", 1, PaymentDayChanged("other", "p")))),
        Function("ledger_facts_credit_notes_inserted", Upsert(CreditEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_credit_notes_updated", Upsert(
            CreditEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + CreditEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_credit_notes_deleted", Upsert(CreditEvents("old_rows", "invoices", -1))),
        Function("ledger_facts_write_offs_inserted", Upsert(WriteOffEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_write_offs_updated", Upsert(
            WriteOffEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + WriteOffEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_write_offs_deleted", Upsert(WriteOffEvents("old_rows", "invoices", -1))),
        Function("ledger_facts_lines_inserted", Upsert(FeeEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_lines_updated", Upsert(
            FeeEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + FeeEvents("new_rows", "invoices", 1))),
        Function("ledger_facts_lines_deleted", Upsert(FeeEvents("old_rows", "invoices", -1))),
        Trigger("invoices", "INSERT", "ledger_facts_invoices_inserted"),
        Trigger("invoices", "UPDATE", "ledger_facts_invoices_updated"),
        Trigger("invoices", "DELETE", "ledger_facts_invoices_deleted"),
        Trigger("payment_allocations", "INSERT", "ledger_facts_allocations_inserted"),
        Trigger("payment_allocations", "UPDATE", "ledger_facts_allocations_updated"),
        Trigger("payment_allocations", "DELETE", "ledger_facts_allocations_deleted"),
        Trigger("payments", "UPDATE", "ledger_facts_payments_updated"),
        Trigger("credit_notes", "INSERT", "ledger_facts_credit_notes_inserted"),
        Trigger("credit_notes", "UPDATE", "ledger_facts_credit_notes_updated"),
        Trigger("credit_notes", "DELETE", "ledger_facts_credit_notes_deleted"),
        Trigger("write_offs", "INSERT", "ledger_facts_write_offs_inserted"),
        Trigger("write_offs", "UPDATE", "ledger_facts_write_offs_updated"),
        Trigger("write_offs", "DELETE", "ledger_facts_write_offs_deleted"),
        Trigger("invoice_lines", "INSERT", "ledger_facts_lines_inserted"),
        Trigger("invoice_lines", "UPDATE", "ledger_facts_lines_updated"),
        Trigger("invoice_lines", "DELETE", "ledger_facts_lines_deleted"),
        $"""
        CREATE OR REPLACE FUNCTION ledger_facts_rebuild(p_tenant uuid) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
          DELETE FROM ledger_daily_facts WHERE p_tenant IS NULL OR tenant_id = p_tenant;
        {Upsert(string.Join("\nUNION ALL\n", [
            InvoiceEvents(Scoped("invoices"), 1),
            AllocationEvents(Scoped("payment_allocations"), "payments", "invoices", 1),
            CreditEvents(Scoped("credit_notes"), "invoices", 1),
            WriteOffEvents(Scoped("write_offs"), "invoices", 1),
            FeeEvents(Scoped("invoice_lines"), "invoices", 1),
        ]))};
        END $fn$;
        """,
    ]);

    /// <summary>Drops the triggers and functions (the table goes with the migration).</summary>
    public static string Uninstall => string.Join("\n", [
        "DROP TRIGGER IF EXISTS ledger_facts_insert ON invoices;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON invoices;",
        "DROP TRIGGER IF EXISTS ledger_facts_delete ON invoices;",
        "DROP TRIGGER IF EXISTS ledger_facts_insert ON payment_allocations;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON payment_allocations;",
        "DROP TRIGGER IF EXISTS ledger_facts_delete ON payment_allocations;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON payments;",
        "DROP TRIGGER IF EXISTS ledger_facts_insert ON credit_notes;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON credit_notes;",
        "DROP TRIGGER IF EXISTS ledger_facts_delete ON credit_notes;",
        "DROP TRIGGER IF EXISTS ledger_facts_insert ON write_offs;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON write_offs;",
        "DROP TRIGGER IF EXISTS ledger_facts_delete ON write_offs;",
        "DROP TRIGGER IF EXISTS ledger_facts_insert ON invoice_lines;",
        "DROP TRIGGER IF EXISTS ledger_facts_update ON invoice_lines;",
        "DROP TRIGGER IF EXISTS ledger_facts_delete ON invoice_lines;",
        "DROP FUNCTION IF EXISTS ledger_facts_write_offs_inserted(), ledger_facts_write_offs_updated(), ledger_facts_write_offs_deleted(),"
            + " ledger_facts_lines_inserted(), ledger_facts_lines_updated(), ledger_facts_lines_deleted();",
        "DROP FUNCTION IF EXISTS ledger_facts_invoices_inserted(), ledger_facts_invoices_updated(), ledger_facts_invoices_deleted(),"
            + " ledger_facts_allocations_inserted(), ledger_facts_allocations_updated(), ledger_facts_allocations_deleted(),"
            + " ledger_facts_payments_updated(), ledger_facts_credit_notes_inserted(), ledger_facts_credit_notes_updated(),"
            + " ledger_facts_credit_notes_deleted(), ledger_facts_rebuild(uuid);",
    ]);

    /// <summary>
    /// Backfills every tenant (a migration's last step), tenant by tenant with the tenant set, so row-level security
    /// lets a migration owner that is neither superuser nor BYPASSRLS read the ledger and write the facts.
    /// </summary>
    public const string RebuildAll = """
        DO $do$
        DECLARE
          t record;
        BEGIN
          FOR t IN SELECT id FROM tenants ORDER BY id LOOP
            PERFORM set_config('app.tenant_id', t.id::text, true);
            PERFORM ledger_facts_rebuild(t.id);
          END LOOP;
          PERFORM set_config('app.tenant_id', '', true);
        END $do$;
        """;

    /// <summary>
    /// Dates the late-fee lines charged before they carried their day (the first day of their period, after the due
    /// day) and fills <c>invoices.late_fees</c>, tenant by tenant with the tenant set, for the facts to book fees apart.
    /// </summary>
    public const string BackfillLateFees = """
        DO $do$
        DECLARE
          t record;
        BEGIN
          FOR t IN SELECT id FROM tenants ORDER BY id LOOP
            PERFORM set_config('app.tenant_id', t.id::text, true);
            UPDATE invoice_lines l SET charged_on = GREATEST(to_date(l.late_fee_period || '-01', 'YYYY-MM-DD'), i.due_date + 1)
            FROM invoices i
            WHERE i.id = l.invoice_id AND i.tenant_id = t.id AND l.tenant_id = t.id AND l.late_fee_period IS NOT NULL AND l.charged_on IS NULL;
            UPDATE invoices i SET late_fees = f.amount
            FROM (SELECT invoice_id, sum(net_amount + tax_amount) AS amount FROM invoice_lines
                  WHERE tenant_id = t.id AND late_fee_period IS NOT NULL GROUP BY invoice_id) f
            WHERE i.id = f.invoice_id AND i.tenant_id = t.id AND i.late_fees <> f.amount;
          END LOOP;
          PERFORM set_config('app.tenant_id', '', true);
        END $do$;
        """;

    private static string Scoped(string table) => $"(SELECT * FROM {table} WHERE p_tenant IS NULL OR tenant_id = p_tenant)";

    private static string InvoiceEvents(string invoices, int sign) => $"""
        SELECT i.tenant_id, i.currency, i.issue_date AS day, i.due_date, {sign} * (i.total - i.late_fees) AS sales, 0::numeric AS cash,
               0::numeric AS credits, 0::numeric AS write_offs, 0 AS settled_count, 0::bigint AS settled_days
        FROM {invoices} i WHERE i.state = 'Issued'
        UNION ALL
        SELECT i.tenant_id, i.currency, i.settled_on, i.due_date, 0, 0, 0, 0, {sign}, {sign} * (i.settled_on - i.issue_date)
        FROM {invoices} i WHERE i.state = 'Issued' AND i.settled_on IS NOT NULL
        """;

    private static string AllocationEvents(string allocations, string payments, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.currency, p.received_on, i.due_date, 0, {sign} * a.amount, 0, 0, 0, 0
        FROM {allocations} a JOIN {payments} p ON p.id = a.payment_id JOIN {invoices} i ON i.id = a.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    private static string CreditEvents(string credits, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.currency, c.issue_date, i.due_date, 0, 0, {sign} * c.amount, 0, 0, 0
        FROM {credits} c JOIN {invoices} i ON i.id = c.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    private static string WriteOffEvents(string writeOffs, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.currency, w.written_off_on, i.due_date, 0, 0, 0, {sign} * w.amount, 0, 0
        FROM {writeOffs} w JOIN {invoices} i ON i.id = w.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    // A late fee is a sale on the day it was charged (the invoice's issue day for a fee line without its day).
    private static string FeeEvents(string lines, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.currency, COALESCE(l.charged_on, i.issue_date), i.due_date, {sign} * (l.net_amount + l.tax_amount), 0, 0, 0, 0, 0
        FROM {lines} l JOIN {invoices} i ON i.id = l.invoice_id
        {also}
        WHERE i.state = 'Issued' AND l.late_fee_period IS NOT NULL
        """;

    // An invoice update moves its allocations' and credits' events only when what keys them changed.
    private static string InvoiceKeyChanged(string oldAlias, string newAlias) =>
        $"""
        JOIN {(oldAlias == "i" ? "new_rows" : "old_rows")} other ON other.id = i.id
          AND ({oldAlias}.tenant_id, {oldAlias}.currency, {oldAlias}.due_date, {oldAlias}.state)
              IS DISTINCT FROM ({newAlias}.tenant_id, {newAlias}.currency, {newAlias}.due_date, {newAlias}.state)
        """;

    private static string PaymentDayChanged(string oldAlias, string newAlias) =>
        $"JOIN {(oldAlias == "p" ? "new_rows" : "old_rows")} other ON other.id = p.id AND {oldAlias}.received_on IS DISTINCT FROM {newAlias}.received_on";

    private static string Upsert(string events) => $"""
        INSERT INTO ledger_daily_facts AS f (tenant_id, currency, day, due_day, sales, cash, credits, write_offs, settled_count, settled_days)
        SELECT tenant_id, currency, day, CASE WHEN day = 'infinity' THEN due_date ELSE GREATEST(due_date, day - 1) END,
               sum(sales), sum(cash), sum(credits), sum(write_offs), sum(settled_count), sum(settled_days)
        FROM (
        {events}
        ) AS e ({Columns})
        GROUP BY 1, 2, 3, 4
        HAVING sum(sales) <> 0 OR sum(cash) <> 0 OR sum(credits) <> 0 OR sum(write_offs) <> 0 OR sum(settled_count) <> 0 OR sum(settled_days) <> 0
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, currency, day, due_day) DO UPDATE SET
          sales = f.sales + EXCLUDED.sales, cash = f.cash + EXCLUDED.cash, credits = f.credits + EXCLUDED.credits,
          write_offs = f.write_offs + EXCLUDED.write_offs, settled_count = f.settled_count + EXCLUDED.settled_count,
          settled_days = f.settled_days + EXCLUDED.settled_days
        """;

    private static string Function(string name, string body) => $"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
        {body};
          RETURN NULL;
        END $fn$;
        """;

    private static string Trigger(string table, string operation, string function) =>
        StatementTriggerSql.Replace("ledger_facts", table, operation, function);
}
