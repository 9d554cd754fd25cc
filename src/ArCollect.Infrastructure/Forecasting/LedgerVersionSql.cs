using ArCollect.Infrastructure.Data;

namespace ArCollect.Infrastructure.Forecasting;

/// <summary>
/// The SQL that keeps <c>ledger_versions</c> current: statement-level AFTER triggers with transition tables on every
/// table the cash forecast reads raise the version of each tenant a statement touched, in the writer's own
/// transaction, whatever wrote (pages, API, imports, jobs, bulk COPY). A reader that sees the new rows therefore sees
/// the new version too, so a forecast cached at an older version is never served after its inputs changed.
/// </summary>
/// <remarks>
/// The tenants are locked in id order so two statements touching several tenants cannot deadlock; a statement that
/// changed no row raises nothing.
/// </remarks>
public static class LedgerVersionSql
{
    /// <summary>The tables whose rows feed the forecast (the tenant's base currency is compared separately).</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "invoices", "invoice_lines", "payments", "payment_allocations", "credit_notes", "write_offs",
        "payment_plans", "payment_plan_instalments", "payment_plan_invoices", "promises",
        "invoice_scores", "exchange_rates", "forecast_snapshots", "forecast_accuracy_reports",
    ];

    /// <summary>Creates (or replaces) the two functions and the triggers; idempotent.</summary>
    public static string Install => string.Join("\n", [
        Function("ledger_version_bump_new", "new_rows"),
        Function("ledger_version_bump_old", "old_rows"),
        .. Tables.SelectMany(table => new[]
        {
            Trigger(table, "INSERT", "NEW TABLE AS new_rows", "ledger_version_bump_new"),
            Trigger(table, "UPDATE", "NEW TABLE AS new_rows", "ledger_version_bump_new"),
            Trigger(table, "DELETE", "OLD TABLE AS old_rows", "ledger_version_bump_old"),
        }),
    ]);

    /// <summary>Drops the triggers and functions (the table goes with the migration).</summary>
    public static string Uninstall => string.Join("\n", [
        .. Tables.SelectMany(table => new[] { "insert", "update", "delete" }
            .Select(operation => $"DROP TRIGGER IF EXISTS ledger_version_{operation} ON {table};")),
        "DROP FUNCTION IF EXISTS ledger_version_bump_new();",
        "DROP FUNCTION IF EXISTS ledger_version_bump_old();",
    ]);

    private static string Function(string name, string rows) => $"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          INSERT INTO ledger_versions AS v (tenant_id, version)
          SELECT DISTINCT tenant_id, 1 FROM {rows} ORDER BY tenant_id
          ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
          RETURN NULL;
        END $fn$;
        """;

    private static string Trigger(string table, string operation, string transition, string function) =>
        StatementTriggerSql.Replace("ledger_version", table, operation, function, transition);
}
