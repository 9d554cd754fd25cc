namespace ArCollect.Infrastructure.Imports;

public enum ImportMode
{
    /// <summary>Any error and nothing is imported.</summary>
    AllOrNothing,

    /// <summary>Rows with errors (and, for invoices, the other rows of the same invoice) are left out; the rest is imported.</summary>
    ValidRows,
}

/// <summary>One problem in an import: the data row (1 = first row after the header; 0 = the file itself), the column and what to do.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>What an import did: rows read, invoices created, those already there (skipped), and every problem found.</summary>
public sealed record ImportReport(int RowsRead, int Created, int AlreadyImported, IReadOnlyList<ImportError> Errors, int ErrorCount, bool Committed)
{
    public static ImportReport FileProblem(string column, string message) => new(0, 0, 0, [new ImportError(0, column, message)], 1, false);
}

/// <summary>Size limits that keep one upload from exhausting the server.</summary>
public static class ImportLimits
{
    public const long MaxFileBytes = 512L * 1024 * 1024;
    public const int MaxRecordSize = 64 * 1024;
    public const int MaxFieldLength = 500;

    /// <summary>Only this many problems are listed (all are counted): a wholly wrong file should not produce a huge report.</summary>
    public const int MaxListedErrors = 1000;
}
