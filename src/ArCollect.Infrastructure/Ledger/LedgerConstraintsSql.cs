namespace ArCollect.Infrastructure.Ledger;

/// <summary>
/// The invariants that span tables, held by the database itself: an invoice's paid, credited and written-off amounts
/// equal the sums of its allocations, credit notes and write-offs, and a payment equals its allocations plus what is
/// left unapplied. Row-level constraint triggers, deferred to commit, so a writer may update the invoice before or
/// after inserting the rows behind it (the demo seed and the payment import do both) and is refused only if the
/// transaction ends inconsistent. Deleting a payment with allocations, without reversing the invoices, is refused
/// the same way. The single-table rules are CHECK constraints in the model (see LedgerConfigurations).
/// A bulk load of a whole ledger (the demo seed: tens of thousands of rows) would queue one check per row; it sets
/// <see cref="BulkCheckSetting"/> for its transaction instead and runs <see cref="LedgerInvariants"/> once, set-based,
/// before committing (<see cref="BulkCheck"/>).
/// </summary>
public static class LedgerConstraintsSql
{
    /// <summary>Transaction-local setting: 'on' while a bulk writer checks the whole ledger itself before committing.</summary>
    public const string BulkCheckSetting = "app.ledger_bulk_check";

    /// <summary>Hands the checks of the current transaction to the writer, which must run <see cref="LedgerInvariants"/> before it commits.</summary>
    public const string BulkCheck = "SELECT set_config('app.ledger_bulk_check', 'on', true)";

    /// <summary>Creates (or replaces) the functions and triggers; idempotent.</summary>
    public const string Install = """
        -- False while a bulk writer has taken the checks of its transaction on itself (see BulkCheckSetting).
        CREATE OR REPLACE FUNCTION ledger_check_per_row() RETURNS boolean LANGUAGE sql STABLE AS $fn$
          SELECT current_setting('app.ledger_bulk_check', true) IS DISTINCT FROM 'on'
        $fn$;

        CREATE OR REPLACE FUNCTION ledger_check_invoice(p_invoice uuid) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
          inv record;
          paid numeric;
          credited numeric;
          written_off numeric;
        BEGIN
          SELECT tenant_id, number, amount_paid, amount_credited, amount_written_off INTO inv FROM invoices WHERE id = p_invoice;
          IF NOT FOUND THEN
            RETURN;
          END IF;
          SELECT coalesce(sum(amount), 0) INTO paid FROM payment_allocations WHERE tenant_id = inv.tenant_id AND invoice_id = p_invoice;
          SELECT coalesce(sum(amount), 0) INTO credited FROM credit_notes WHERE tenant_id = inv.tenant_id AND invoice_id = p_invoice;
          SELECT coalesce(sum(amount), 0) INTO written_off FROM write_offs WHERE tenant_id = inv.tenant_id AND invoice_id = p_invoice;
          IF inv.amount_paid <> paid THEN
            RAISE EXCEPTION 'Invoice %: paid % is not the sum of its allocations (%)', inv.number, inv.amount_paid, paid
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_invoices_paid_is_allocations', TABLE = 'invoices';
          END IF;
          IF inv.amount_credited <> credited THEN
            RAISE EXCEPTION 'Invoice %: credited % is not the sum of its credit notes (%)', inv.number, inv.amount_credited, credited
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_invoices_credited_is_credit_notes', TABLE = 'invoices';
          END IF;
          IF inv.amount_written_off <> written_off THEN
            RAISE EXCEPTION 'Invoice %: written off % is not the sum of its write-offs (%)', inv.number, inv.amount_written_off, written_off
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_invoices_written_off_is_write_offs', TABLE = 'invoices';
          END IF;
        END $fn$;

        CREATE OR REPLACE FUNCTION ledger_check_payment(p_payment uuid) RETURNS void LANGUAGE plpgsql AS $fn$
        DECLARE
          pay record;
          applied numeric;
        BEGIN
          SELECT tenant_id, coalesce(reference, id::text) AS label, amount, unapplied_amount INTO pay FROM payments WHERE id = p_payment;
          IF NOT FOUND THEN
            RETURN;
          END IF;
          SELECT coalesce(sum(amount), 0) INTO applied FROM payment_allocations WHERE tenant_id = pay.tenant_id AND payment_id = p_payment;
          IF pay.amount <> applied + pay.unapplied_amount THEN
            RAISE EXCEPTION 'Payment %: % is not its allocations (%) plus unapplied (%)', pay.label, pay.amount, applied, pay.unapplied_amount
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_payments_amount_is_allocations_plus_unapplied', TABLE = 'payments';
          END IF;
        END $fn$;

        -- Arguments: the row's column holding the invoice id to check ('' for none), then the one holding the payment id.
        CREATE OR REPLACE FUNCTION ledger_check_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
          old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
          new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        BEGIN
          IF TG_ARGV[0] <> '' THEN
            PERFORM ledger_check_invoice((new_row ->> TG_ARGV[0])::uuid);
            IF (old_row ->> TG_ARGV[0]) IS DISTINCT FROM (new_row ->> TG_ARGV[0]) THEN
              PERFORM ledger_check_invoice((old_row ->> TG_ARGV[0])::uuid);
            END IF;
          END IF;
          IF TG_ARGV[1] <> '' THEN
            PERFORM ledger_check_payment((new_row ->> TG_ARGV[1])::uuid);
            IF (old_row ->> TG_ARGV[1]) IS DISTINCT FROM (new_row ->> TG_ARGV[1]) THEN
              PERFORM ledger_check_payment((old_row ->> TG_ARGV[1])::uuid);
            END IF;
          END IF;
          RETURN NULL;
        END $fn$;

        DROP TRIGGER IF EXISTS ledger_invariants_insert ON invoices;
        CREATE CONSTRAINT TRIGGER ledger_invariants_insert AFTER INSERT ON invoices DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
          WHEN ((NEW.amount_paid <> 0 OR NEW.amount_credited <> 0 OR NEW.amount_written_off <> 0) AND ledger_check_per_row())
          EXECUTE FUNCTION ledger_check_row('id', '');
        DROP TRIGGER IF EXISTS ledger_invariants_update ON invoices;
        CREATE CONSTRAINT TRIGGER ledger_invariants_update AFTER UPDATE OF amount_paid, amount_credited, amount_written_off ON invoices
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
          WHEN ((OLD.amount_paid, OLD.amount_credited, OLD.amount_written_off) IS DISTINCT FROM (NEW.amount_paid, NEW.amount_credited, NEW.amount_written_off)
                AND ledger_check_per_row())
          EXECUTE FUNCTION ledger_check_row('id', '');
        DROP TRIGGER IF EXISTS ledger_invariants ON payment_allocations;
        CREATE CONSTRAINT TRIGGER ledger_invariants AFTER INSERT OR UPDATE OR DELETE ON payment_allocations
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (ledger_check_per_row()) EXECUTE FUNCTION ledger_check_row('invoice_id', 'payment_id');
        DROP TRIGGER IF EXISTS ledger_invariants ON credit_notes;
        CREATE CONSTRAINT TRIGGER ledger_invariants AFTER INSERT OR UPDATE OR DELETE ON credit_notes
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (ledger_check_per_row()) EXECUTE FUNCTION ledger_check_row('invoice_id', '');
        DROP TRIGGER IF EXISTS ledger_invariants ON write_offs;
        CREATE CONSTRAINT TRIGGER ledger_invariants AFTER INSERT OR UPDATE OR DELETE ON write_offs
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (ledger_check_per_row()) EXECUTE FUNCTION ledger_check_row('invoice_id', '');
        DROP TRIGGER IF EXISTS ledger_invariants ON payments;
        CREATE CONSTRAINT TRIGGER ledger_invariants AFTER INSERT OR UPDATE OF amount, unapplied_amount ON payments
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (ledger_check_per_row()) EXECUTE FUNCTION ledger_check_row('', 'id');
        """;

    /// <summary>Drops the triggers and functions.</summary>
    public const string Uninstall = """
        DROP TRIGGER IF EXISTS ledger_invariants_insert ON invoices;
        DROP TRIGGER IF EXISTS ledger_invariants_update ON invoices;
        DROP TRIGGER IF EXISTS ledger_invariants ON payment_allocations;
        DROP TRIGGER IF EXISTS ledger_invariants ON credit_notes;
        DROP TRIGGER IF EXISTS ledger_invariants ON write_offs;
        DROP TRIGGER IF EXISTS ledger_invariants ON payments;
        DROP FUNCTION IF EXISTS ledger_check_row(), ledger_check_invoice(uuid), ledger_check_payment(uuid), ledger_check_per_row();
        """;

    /// <summary>
    /// Gives every written-off amount without a write-off record behind it (demo ledgers seeded before the demo kept
    /// them) its record, dated on the day the invoice was settled. Runs tenant by tenant with the tenant set, so
    /// row-level security lets a migration owner that is neither superuser nor BYPASSRLS see and write the rows.
    /// </summary>
    public const string BackfillWriteOffs = """
        DO $do$
        DECLARE
          t record;
        BEGIN
          FOR t IN SELECT id FROM tenants ORDER BY id LOOP
            PERFORM set_config('app.tenant_id', t.id::text, true);
            INSERT INTO write_offs (id, tenant_id, customer_id, invoice_id, written_off_on, amount, currency, reason, user_id, created_at)
            SELECT gen_random_uuid(), i.tenant_id, i.customer_id, i.id, coalesce(i.settled_on, i.updated_at::date),
                   i.amount_written_off - coalesce(w.amount, 0), i.currency, 'Bad debt written off', NULL, i.updated_at
            FROM invoices i
            LEFT JOIN (SELECT invoice_id, sum(amount) AS amount FROM write_offs WHERE tenant_id = t.id GROUP BY invoice_id) w
              ON w.invoice_id = i.id
            WHERE i.tenant_id = t.id AND i.amount_written_off > coalesce(w.amount, 0);
          END LOOP;
          PERFORM set_config('app.tenant_id', '', true);
        END $do$;
        """;
}
