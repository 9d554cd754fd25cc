using ArCollect.Infrastructure.Data;

namespace ArCollect.Infrastructure.Dashboards;

/// <summary>
/// The SQL that keeps <c>customer_daily_facts</c> equal to the ledger, the way <see cref="LedgerFactsSql"/> keeps
/// <c>ledger_daily_facts</c>: statement-level AFTER triggers with transition tables on invoices, invoice_lines (late
/// fees), payment_allocations, payments, credit_notes and write_offs add the signed deltas of each statement, per
/// customer, currency and day, with one <c>INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE</c> in the writer's
/// transaction. <c>customer_facts_rebuild(tenant)</c> recomputes a tenant (all tenants for NULL) set-based.
/// </summary>
/// <remarks>
/// Events of an issued invoice, in its currency and for its customer: the sale (total less late fees) on the issue
/// day; each late fee on the day it was charged; each allocation on the day its payment was received; each credit
/// note and each write-off on its own day. An invoice update that changes its customer, currency or state moves the
/// events of its allocations, credits, write-offs and fees; a payment whose received day changes moves its
/// allocations.
/// </remarks>
public static class CustomerFactsSql
{
    private const string Columns = "tenant_id, customer_id, currency, day, sales, cash, credits, write_offs";

    /// <summary>Creates (or replaces) the functions and triggers; idempotent.</summary>
    public static string Install => string.Join("\n", [
        Function("customer_facts_invoices_inserted", Upsert(InvoiceEvents("new_rows", 1))),
        Function("customer_facts_invoices_updated", Upsert(string.Join("\nUNION ALL\n", [
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
        Function("customer_facts_invoices_deleted", Upsert(InvoiceEvents("old_rows", -1))),
        Function("customer_facts_allocations_inserted", Upsert(AllocationEvents("new_rows", "payments", "invoices", 1))),
        Function("customer_facts_allocations_updated", Upsert(
            AllocationEvents("old_rows", "payments", "invoices", -1) + "\nUNION ALL\n" + AllocationEvents("new_rows", "payments", "invoices", 1))),
        Function("customer_facts_allocations_deleted", Upsert(AllocationEvents("old_rows", "payments", "invoices", -1))),
        Function("customer_facts_payments_updated", Upsert(
            AllocationEvents("payment_allocations", "old_rows", "invoices", -1, PaymentDayChanged("p", "other"))
            + "\nUNION ALL\n"
            + AllocationEvents("payment_allocations", "new_rows", "invoices", 1, PaymentDayChanged("other", "p")))),
        Function("customer_facts_credit_notes_inserted", Upsert(CreditEvents("new_rows", "invoices", 1))),
        Function("customer_facts_credit_notes_updated", Upsert(
            CreditEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + CreditEvents("new_rows", "invoices", 1))),
        Function("customer_facts_credit_notes_deleted", Upsert(CreditEvents("old_rows", "invoices", -1))),
        Function("customer_facts_write_offs_inserted", Upsert(WriteOffEvents("new_rows", "invoices", 1))),
        Function("customer_facts_write_offs_updated", Upsert(
            WriteOffEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + WriteOffEvents("new_rows", "invoices", 1))),
        Function("customer_facts_write_offs_deleted", Upsert(WriteOffEvents("old_rows", "invoices", -1))),
        Function("customer_facts_lines_inserted", Upsert(FeeEvents("new_rows", "invoices", 1))),
        Function("customer_facts_lines_updated", Upsert(
            FeeEvents("old_rows", "invoices", -1) + "\nUNION ALL\n" + FeeEvents("new_rows", "invoices", 1))),
        Function("customer_facts_lines_deleted", Upsert(FeeEvents("old_rows", "invoices", -1))),
        .. Tables.SelectMany(t => t.Operations.Select(op => Trigger(t.Table, op, $"customer_facts_{t.Function}_{Verb(op)}"))),
        $"""
        CREATE OR REPLACE FUNCTION customer_facts_rebuild(p_tenant uuid) RETURNS void LANGUAGE plpgsql AS $fn$
        BEGIN
          DELETE FROM customer_daily_facts WHERE p_tenant IS NULL OR tenant_id = p_tenant;
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
        .. Tables.SelectMany(t => t.Operations.Select(op => $"DROP TRIGGER IF EXISTS customer_facts_{op.ToLowerInvariant()} ON {t.Table};")),
        .. Tables.SelectMany(t => t.Operations.Select(op => $"DROP FUNCTION IF EXISTS customer_facts_{t.Function}_{Verb(op)}();")),
        "DROP FUNCTION IF EXISTS customer_facts_rebuild(uuid);",
    ]);

    /// <summary>Backfills every tenant, tenant by tenant with the tenant set (row-level security, as for the ledger facts).</summary>
    public const string RebuildAll = """
        DO $do$
        DECLARE
          t record;
        BEGIN
          FOR t IN SELECT id FROM tenants ORDER BY id LOOP
            PERFORM set_config('app.tenant_id', t.id::text, true);
            PERFORM customer_facts_rebuild(t.id);
          END LOOP;
          PERFORM set_config('app.tenant_id', '', true);
        END $do$;
        """;

    private static readonly (string Table, string Function, string[] Operations)[] Tables =
    [
        ("invoices", "invoices", ["INSERT", "UPDATE", "DELETE"]),
        ("payment_allocations", "allocations", ["INSERT", "UPDATE", "DELETE"]),
        ("payments", "payments", ["UPDATE"]),
        ("credit_notes", "credit_notes", ["INSERT", "UPDATE", "DELETE"]),
        ("write_offs", "write_offs", ["INSERT", "UPDATE", "DELETE"]),
        ("invoice_lines", "lines", ["INSERT", "UPDATE", "DELETE"]),
    ];

    private static string Verb(string operation) => operation switch
    {
        "INSERT" => "inserted",
        "UPDATE" => "updated",
        _ => "deleted",
    };

    private static string Scoped(string table) => $"(SELECT * FROM {table} WHERE p_tenant IS NULL OR tenant_id = p_tenant)";

    private static string InvoiceEvents(string invoices, int sign) => $"""
        SELECT i.tenant_id, i.customer_id, i.currency, i.issue_date AS day, {sign} * (i.total - i.late_fees) AS sales, 0::numeric AS cash,
               0::numeric AS credits, 0::numeric AS write_offs
        FROM {invoices} i WHERE i.state = 'Issued'
        """;

    private static string AllocationEvents(string allocations, string payments, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.customer_id, i.currency, p.received_on, 0, {sign} * a.amount, 0, 0
        FROM {allocations} a JOIN {payments} p ON p.id = a.payment_id JOIN {invoices} i ON i.id = a.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    private static string CreditEvents(string credits, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.customer_id, i.currency, c.issue_date, 0, 0, {sign} * c.amount, 0
        FROM {credits} c JOIN {invoices} i ON i.id = c.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    private static string WriteOffEvents(string writeOffs, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.customer_id, i.currency, w.written_off_on, 0, 0, 0, {sign} * w.amount
        FROM {writeOffs} w JOIN {invoices} i ON i.id = w.invoice_id
        {also}
        WHERE i.state = 'Issued'
        """;

    private static string FeeEvents(string lines, string invoices, int sign, string? also = null) => $"""
        SELECT i.tenant_id, i.customer_id, i.currency, COALESCE(l.charged_on, i.issue_date), {sign} * (l.net_amount + l.tax_amount), 0, 0, 0
        FROM {lines} l JOIN {invoices} i ON i.id = l.invoice_id
        {also}
        WHERE i.state = 'Issued' AND l.late_fee_period IS NOT NULL
        """;

    private static string InvoiceKeyChanged(string oldAlias, string newAlias) =>
        $"""
        JOIN {(oldAlias == "i" ? "new_rows" : "old_rows")} other ON other.id = i.id
          AND ({oldAlias}.tenant_id, {oldAlias}.customer_id, {oldAlias}.currency, {oldAlias}.state)
              IS DISTINCT FROM ({newAlias}.tenant_id, {newAlias}.customer_id, {newAlias}.currency, {newAlias}.state)
        """;

    private static string PaymentDayChanged(string oldAlias, string newAlias) =>
        $"JOIN {(oldAlias == "p" ? "new_rows" : "old_rows")} other ON other.id = p.id AND {oldAlias}.received_on IS DISTINCT FROM {newAlias}.received_on";

    private static string Upsert(string events) => $"""
        INSERT INTO customer_daily_facts AS f (tenant_id, day, customer_id, currency, sales, cash, credits, write_offs)
        SELECT tenant_id, day, customer_id, currency, sum(sales), sum(cash), sum(credits), sum(write_offs)
        FROM (
        {events}
        ) AS e ({Columns})
        GROUP BY 1, 2, 3, 4
        HAVING sum(sales) <> 0 OR sum(cash) <> 0 OR sum(credits) <> 0 OR sum(write_offs) <> 0
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, day, customer_id, currency) DO UPDATE SET
          sales = f.sales + EXCLUDED.sales, cash = f.cash + EXCLUDED.cash, credits = f.credits + EXCLUDED.credits,
          write_offs = f.write_offs + EXCLUDED.write_offs
        """;

    private static string Function(string name, string body) => $"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
        {body};
          RETURN NULL;
        END $fn$;
        """;

    private static string Trigger(string table, string operation, string function) =>
        StatementTriggerSql.Replace("customer_facts", table, operation, function);
}
