namespace ArCollect.Infrastructure.Data;

/// <summary>
/// The one way the facts and version tables hook into the ledger: a statement-level AFTER trigger with transition
/// tables (<c>new_rows</c>, <c>old_rows</c>), dropped first so installing again replaces it
/// (<see cref="Dashboards.LedgerFactsSql"/>, <see cref="Dashboards.CustomerFactsSql"/>,
/// <see cref="Forecasting.LedgerVersionSql"/>).
/// </summary>
public static class StatementTriggerSql
{
    /// <summary>
    /// Creates (or replaces) the trigger <c>{prefix}_{operation}</c> on <paramref name="table"/>. Without
    /// <paramref name="transition"/> an INSERT sees <c>new_rows</c>, a DELETE <c>old_rows</c>, an UPDATE both.
    /// </summary>
    public static string Replace(string prefix, string table, string operation, string function, string? transition = null)
    {
        transition ??= operation switch
        {
            "INSERT" => "NEW TABLE AS new_rows",
            "DELETE" => "OLD TABLE AS old_rows",
            _ => "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        };
        var name = $"{prefix}_{operation.ToLowerInvariant()}";
        return $"""
            DROP TRIGGER IF EXISTS {name} ON {table};
            CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            """;
    }
}
