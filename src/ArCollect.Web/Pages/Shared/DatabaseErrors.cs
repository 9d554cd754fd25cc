using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Web.Pages.Shared;

public static class DatabaseErrors
{
    /// <summary>True when the save broke the named unique index, e.g. another clerk took the same number a moment earlier.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string indexName) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && postgres.ConstraintName == indexName;
}

/// <summary>Builds ILIKE patterns from what a user typed, so % and _ are searched for literally.</summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Contains(string text) =>
        "%" + text.Trim()
            .Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal) + "%";
}
