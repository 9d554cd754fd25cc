using System.Globalization;
using System.Text.RegularExpressions;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>Where a series stands in one scope: the highest number present, the counter, and the number issued next.</summary>
public sealed record SeriesPosition(DocumentSeries Series, string Pattern, string Scope, long HighestUsed, long Counter)
{
    public long Next => Math.Max(HighestUsed, Counter) + 1;
}

/// <summary>
/// Hands out invoice and credit-note numbers from the tenant's patterns. Must run inside the caller's transaction:
/// the counter row stays locked until commit, so concurrent issuers queue, and a rollback returns the number (no gaps).
/// Numbers continue after the highest one present in the scope, whoever wrote it and however it is zero-padded:
/// a new counter starts from that highest number, writers that bypass the counter (demo seed, import) raise it, and a
/// number found already taken moves the counter past the highest one present before it is handed out.
/// </summary>
public sealed class DocumentNumbers(ArCollectDbContext db, TenantContext tenant)
{
    public async Task<InvoicingSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken)
        ?? new InvoicingSettings { TenantId = tenant.RequiredTenantId };

    public static string PatternOf(InvoicingSettings settings, DocumentSeries series) =>
        series == DocumentSeries.Invoice ? settings.NumberPattern : settings.CreditNotePattern;

    public async Task<string> NextAsync(DocumentSeries series, DateOnly issueDate, CancellationToken cancellationToken) =>
        (await NextRangeAsync(series, issueDate, 1, cancellationToken))[0];

    /// <summary>The next <paramref name="count"/> consecutive numbers of one scope, taken with one statement (for bulk work such as imports).</summary>
    public async Task<IReadOnlyList<string>> NextRangeAsync(DocumentSeries series, DateOnly issueDate, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Numbers are allocated inside the issuing transaction, so a failure gives them back.");
        }

        var pattern = PatternOf(await SettingsAsync(cancellationToken), series);
        var scope = InvoiceNumberPattern.Scope(pattern, issueDate);
        var regex = InvoiceNumberPattern.ScopeRegex(pattern, issueDate);
        var tenantId = tenant.RequiredTenantId;
        var last = await ScalarAsync(
            "UPDATE document_counters SET last_value = last_value + {2} WHERE tenant_id = {0} AND scope = {1} RETURNING last_value AS \"Value\"",
            cancellationToken, tenantId, scope, count)
            // The scope's first number: start after the highest present (demo history, imports), read once per scope.
            ?? await ScalarAsync($"""
                INSERT INTO document_counters (tenant_id, scope, last_value) SELECT {"{0}"}, {"{1}"}, ({HighestSql(series)}) + {"{2}"}
                ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = document_counters.last_value + {"{2}"}
                RETURNING last_value AS "Value"
                """, cancellationToken, tenantId, scope, count, regex);
        var numbers = Render(pattern, issueDate, last!.Value, count);
        if (await AnyTakenAsync(series, numbers, cancellationToken))
        {
            // Someone wrote numbers of this scope without the counter: continue after the highest present instead.
            last = await ScalarAsync($"""
                UPDATE document_counters SET last_value = GREATEST(last_value - {"{2}"}, ({HighestSql(series)})) + {"{2}"}
                WHERE tenant_id = {"{0}"} AND scope = {"{1}"} RETURNING last_value AS "Value"
                """, cancellationToken, tenantId, scope, count, regex);
            numbers = Render(pattern, issueDate, last!.Value, count);
        }

        return numbers;
    }

    /// <summary>The series' highest number, counter and next number in the scope of <paramref name="date"/>.</summary>
    public async Task<SeriesPosition> PositionAsync(DocumentSeries series, string pattern, DateOnly date, CancellationToken cancellationToken)
    {
        var scope = InvoiceNumberPattern.Scope(pattern, date);
        var tenantId = tenant.RequiredTenantId;
        var highest = await ScalarAsync($"SELECT ({HighestSql(series)}) AS \"Value\"", cancellationToken, tenantId, scope, 0, InvoiceNumberPattern.ScopeRegex(pattern, date));
        var counter = await ScalarAsync(
            "SELECT last_value AS \"Value\" FROM document_counters WHERE tenant_id = {0} AND scope = {1}", cancellationToken, tenantId, scope);
        return new SeriesPosition(series, pattern, scope, highest ?? 0, counter ?? 0);
    }

    /// <summary>
    /// Makes <paramref name="next"/> the sequence the scope of <paramref name="date"/> issues next. Refused (the
    /// position returned unchanged) unless it is above the highest number present; runs in its own transaction.
    /// </summary>
    public async Task<SeriesPosition> SetNextAsync(DocumentSeries series, string pattern, DateOnly date, long next, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = InvoiceNumberPattern.Scope(pattern, date);
        var tenantId = tenant.RequiredTenantId;
        // Lock the counter (creating it if needed) so no issue slips in between the check and the change.
        await ScalarAsync("""
            INSERT INTO document_counters (tenant_id, scope, last_value) VALUES ({0}, {1}, 0)
            ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = document_counters.last_value RETURNING last_value AS "Value"
            """, cancellationToken, tenantId, scope);
        var position = await PositionAsync(series, pattern, date, cancellationToken);
        if (next <= position.HighestUsed)
        {
            return position;
        }

        await ScalarAsync(
            "UPDATE document_counters SET last_value = {2} WHERE tenant_id = {0} AND scope = {1} RETURNING last_value AS \"Value\"",
            cancellationToken, tenantId, scope, next - 1);
        await transaction.CommitAsync(cancellationToken);
        return position with { Counter = next - 1 };
    }

    /// <summary>
    /// Raises every counter of the series to the highest number present in its scope, for writers that insert numbers
    /// without taking them from the counter (demo seed, import). Only the rows of <paramref name="importId"/> are read when given.
    /// </summary>
    public Task RaiseToHighestUsedAsync(DocumentSeries series, Guid? importId, CancellationToken cancellationToken) =>
        RaiseToHighestUsedAsync(db, tenant.RequiredTenantId, series, importId, cancellationToken);

    /// <inheritdoc cref="RaiseToHighestUsedAsync(DocumentSeries, Guid?, CancellationToken)"/>
    public static async Task RaiseToHighestUsedAsync(
        ArCollectDbContext db, Guid tenantId, DocumentSeries series, Guid? importId, CancellationToken cancellationToken)
    {
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new InvoicingSettings();
        var pattern = PatternOf(settings, series);
        var table = Table(series);
        var onlyImport = importId is null ? "" : " AND import_id = {2}";
        var shape = InvoiceNumberPattern.ShapeRegex(pattern);
        // PostgreSQL filters by the shape (fast without captures); the groups are read here, because regexp_match with
        // capture groups costs about 15 µs a row in PostgreSQL (15 s for a million invoices) against under 1 µs in .NET.
        // Only the table name (from a fixed list) and a fixed condition are written into the text; values are parameters.
        var sql = $"SELECT number AS \"Value\" FROM {table} WHERE tenant_id = {{0}} AND number ~ {{1}}{onlyImport}";
        var numbers = db.Database.SqlQueryRaw<string>(sql, tenantId, shape, importId ?? Guid.Empty);
        // The shape is built from escaped literals and digit classes; the non-backtracking engine matches it in linear
        // time, so no match timeout is needed (a one-second timeout fired on a loaded machine during a million-row seed).
        var regex = new Regex(shape, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var number in numbers.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var match = regex.Match(number);
            if (!match.Success)
            {
                continue;
            }

            var scope = match.Groups[1].Value + "{seq}" + match.Groups[3].Value;
            var sequence = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            highest[scope] = highest.TryGetValue(scope, out var known) ? Math.Max(known, sequence) : sequence;
        }

        foreach (var (scope, last) in highest)
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO document_counters (tenant_id, scope, last_value) VALUES ({0}, {1}, {2})
                ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = GREATEST(document_counters.last_value, EXCLUDED.last_value)
                """, [tenantId, scope, last], cancellationToken);
        }
    }

    private static string Table(DocumentSeries series) => series == DocumentSeries.Invoice ? "invoices" : "credit_notes";

    // {0} is the tenant, {3} the scope's regular expression; the sequence is read whatever its zero padding.
    private static string HighestSql(DocumentSeries series) =>
        $"SELECT coalesce(max(substring(number FROM {{3}})::bigint), 0) FROM {Table(series)} WHERE tenant_id = {{0}}";

    private static List<string> Render(string pattern, DateOnly issueDate, long last, int count) =>
        Enumerable.Range(0, count).Select(i => InvoiceNumberPattern.Render(pattern, issueDate, last - count + 1 + i)).ToList();

    private async Task<bool> AnyTakenAsync(DocumentSeries series, List<string> numbers, CancellationToken cancellationToken) =>
        await ScalarAsync(
            $"SELECT count(*) AS \"Value\" FROM {Table(series)} WHERE tenant_id = {{0}} AND number = ANY({{1}})",
            cancellationToken, tenant.RequiredTenantId, numbers.ToArray()) > 0;

    private async Task<long?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] parameters) =>
        (await db.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(cancellationToken)) is [var value] ? value : null;
}
