namespace ArCollect.Infrastructure.Webhooks;

/// <summary>
/// Statement-level AFTER triggers that write a webhook delivery for every subscribed, enabled endpoint in the
/// transaction of the change itself, whatever made it (pages, API, CSV import, cash application, reminder runs):
/// an invoice reaching Issued, a payment inserted, a promise turning Broken, a dispute inserted, a dispute turning
/// Resolved or Withdrawn. <c>ON CONFLICT DO NOTHING</c> on (tenant, endpoint, event key) enqueues an event once.
/// The endpoints are read through row-level security, so a change only ever reaches its own tenant's endpoints.
/// </summary>
public static class WebhookEventsSql
{
    private const string Created = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    public static string Install => string.Join("\n", [
        Function("webhook_events_invoices_inserted", Insert("invoice.issued", "n.id", InvoiceData, "new_rows n JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id", "n.state = 'Issued'")),
        Function("webhook_events_invoices_updated", Insert("invoice.issued", "n.id", InvoiceData,
            "new_rows n JOIN old_rows o ON o.id = n.id JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id", "n.state = 'Issued' AND o.state <> 'Issued'")),
        Function("webhook_events_payments_inserted", Insert("payment.received", "n.id", PaymentData, "new_rows n JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id", "TRUE")),
        Function("webhook_events_promises_updated", Insert("promise.broken", "n.id", PromiseData,
            "new_rows n JOIN old_rows o ON o.id = n.id JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id", "n.status = 'Broken' AND o.status <> 'Broken'")),
        Function("webhook_events_disputes_inserted", Insert("dispute.opened", "n.id", DisputeData, DisputeSource("new_rows n"), "TRUE")),
        Function("webhook_events_disputes_updated", Insert("dispute.resolved", "n.id", DisputeData,
            DisputeSource("new_rows n JOIN old_rows o ON o.id = n.id"), "n.status IN ('Resolved', 'Withdrawn') AND o.status NOT IN ('Resolved', 'Withdrawn')")),
        Trigger("invoices", "INSERT", "webhook_events_invoices_inserted"),
        Trigger("invoices", "UPDATE", "webhook_events_invoices_updated"),
        Trigger("payments", "INSERT", "webhook_events_payments_inserted"),
        Trigger("promises", "UPDATE", "webhook_events_promises_updated"),
        Trigger("disputes", "INSERT", "webhook_events_disputes_inserted"),
        Trigger("disputes", "UPDATE", "webhook_events_disputes_updated"),
    ]);

    public static string Uninstall => string.Join("\n", [
        "DROP TRIGGER IF EXISTS webhook_events_insert ON invoices;",
        "DROP TRIGGER IF EXISTS webhook_events_update ON invoices;",
        "DROP TRIGGER IF EXISTS webhook_events_insert ON payments;",
        "DROP TRIGGER IF EXISTS webhook_events_update ON promises;",
        "DROP TRIGGER IF EXISTS webhook_events_insert ON disputes;",
        "DROP TRIGGER IF EXISTS webhook_events_update ON disputes;",
        "DROP FUNCTION IF EXISTS webhook_events_invoices_inserted();",
        "DROP FUNCTION IF EXISTS webhook_events_invoices_updated();",
        "DROP FUNCTION IF EXISTS webhook_events_payments_inserted();",
        "DROP FUNCTION IF EXISTS webhook_events_promises_updated();",
        "DROP FUNCTION IF EXISTS webhook_events_disputes_inserted();",
        "DROP FUNCTION IF EXISTS webhook_events_disputes_updated();",
    ]);

    /// <summary>
    /// Invoices that became overdue (due before <c>@today</c>, still owing) since the endpoint subscribed: an
    /// invoice due before the endpoint existed was already overdue then and is not announced.
    /// </summary>
    public static string EnqueueOverdue => Insert("invoice.overdue", "n.id", InvoiceData + ", 'balance', n.balance",
        "invoices n JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id",
        "n.tenant_id = @tenant AND n.state = 'Issued' AND n.balance > 0 AND n.due_date < @today AND n.due_date >= (e.created_at AT TIME ZONE 'UTC')::date");

    private const string Customer = "'customer', jsonb_build_object('id', c.id, 'external_id', c.external_id, 'name', c.name)";

    private const string InvoiceData = "'invoice_id', n.id, 'number', n.number, " + Customer
        + ", 'issue_date', n.issue_date, 'due_date', n.due_date, 'currency', n.currency, 'total', n.total";

    private const string PaymentData = "'payment_id', n.id, " + Customer
        + ", 'reference', n.reference, 'received_on', n.received_on, 'currency', n.currency, 'amount', n.amount, 'unapplied', n.unapplied_amount";

    private const string PromiseData = "'promise_id', n.id, " + Customer
        + ", 'invoice_id', n.invoice_id, 'promised_date', n.promised_date, 'currency', n.currency, 'amount', n.amount";

    private const string DisputeData = "'dispute_id', n.id, " + Customer
        + ", 'invoice_id', n.invoice_id, 'invoice_number', i.number, 'reason_code', n.reason_code, 'currency', n.currency, 'amount', n.amount, "
        + "'status', n.status, 'outcome', n.outcome, 'opened_on', n.opened_on, 'resolved_on', n.resolved_on";

    private static string DisputeSource(string rows) =>
        rows + " JOIN customers c ON c.id = n.customer_id AND c.tenant_id = n.tenant_id JOIN invoices i ON i.id = n.invoice_id AND i.tenant_id = n.tenant_id";

    private static string Insert(string type, string id, string data, string source, string condition) => $"""
        INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_type, event_key, payload, status, attempts, created_at)
        SELECT gen_random_uuid(), e.tenant_id, e.id, '{type}', '{type}:' || {id},
          jsonb_build_object('id', '{type}:' || {id}, 'type', '{type}', 'created', {Created}, 'data', jsonb_build_object({data}))::text,
          'Pending', 0, now()
        FROM {source}
        JOIN webhook_endpoints e ON e.tenant_id = n.tenant_id AND e.enabled AND '{type}' = ANY (e.events)
        WHERE {condition}
        ON CONFLICT (tenant_id, endpoint_id, event_key) DO NOTHING
        """;

    private static string Function(string name, string body) => $"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
        {body};
          RETURN NULL;
        END $fn$;
        """;

    private static string Trigger(string table, string operation, string function)
    {
        var transition = operation == "INSERT" ? "NEW TABLE AS new_rows" : "OLD TABLE AS old_rows NEW TABLE AS new_rows";
        var name = $"webhook_events_{operation.ToLowerInvariant()}";
        return $"""
            DROP TRIGGER IF EXISTS {name} ON {table};
            CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            """;
    }
}
