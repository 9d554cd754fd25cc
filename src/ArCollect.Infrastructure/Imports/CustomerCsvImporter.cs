using ArCollect.Domain.Common;
using ArCollect.Domain.Customers;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArCollect.Infrastructure.Imports;

/// <summary>
/// Imports customers (with their invoice contact) from CSV the same way as invoices: streamed through binary COPY into
/// staging and merged with one INSERT ... ON CONFLICT DO NOTHING keyed on the external id, so a re-import creates nothing.
/// </summary>
public sealed class CustomerCsvImporter(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public static readonly string[] Required = ["external_id", "name", "currency"];
    public static readonly string[] Optional =
    [
        "payment_terms_days", "contact_name", "contact_email", "segment", "region", "country", "language",
        "street", "postal_code", "city", "vat_id", "contact_salutation", "contact_first_name", "contact_last_name",
    ];
    private const string Staging = "import_customer_rows";
    private static readonly string[] Texts =
    [
        "external_id", "name", "currency", "contact_name", "contact_email", "segment", "region", "country", "language",
        "street", "postal_code", "city", "vat_id", "contact_salutation", "contact_first_name", "contact_last_name",
    ];

    public Task<ImportReport> ImportAsync(Stream csv, ImportMode mode, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken) =>
        CsvImportSupport.RunAsync(db, csv, Required, Optional, mapping,
            (reader, columns, connection) => ImportRowsAsync(reader, columns, connection, mode, cancellationToken),
            error => new ImportReport(Math.Max(0, error.Row - 1), 0, 0, [error], 1, Committed: false),
            cancellationToken);

    private async Task<ImportReport> ImportRowsAsync(
        CsvReader reader, Dictionary<string, int> columns, NpgsqlConnection connection, ImportMode mode, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CsvImportSupport.ExecuteAsync(connection,
            $"CREATE TEMP TABLE {Staging} (row_number int, valid boolean, {string.Join(", ", Texts.Select(t => t + " text"))}, payment_terms_days int) ON COMMIT DROP",
            cancellationToken);
        var rows = await CopyAsync(connection, reader, columns, errors, cancellationToken);
        await CsvImportSupport.ExecuteAsync(connection, $"ANALYZE {Staging}", cancellationToken);
        CsvImportSupport.AddListed(errors, await DuplicatesAsync(connection, cancellationToken));
        var invalid = errors.Select(e => e.Row).Distinct().Count();
        if (invalid > 0 && (mode == ImportMode.AllOrNothing || invalid == rows))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ImportReport(rows, 0, 0, errors, errors.Count, Committed: false);
        }

        var (created, already) = await MergeAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(rows, created, already, errors, errors.Count, Committed: true);
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, CsvReader reader, Dictionary<string, int> columns, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (row_number, valid, {string.Join(", ", Texts)}, payment_terms_days) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var rowErrors = new List<ImportError>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows = (int)reader.RowNumber;
            rowErrors.Clear();
            var f = new RowFields(rows, c => CsvImportSupport.Field(reader, columns, c), rowErrors);
            var values = Texts.ToDictionary(t => t, t => f.Text(t, Required.Contains(t)), StringComparer.Ordinal);
            values["currency"] = values["currency"].ToUpperInvariant();
            if (values["currency"].Length > 0 && !CurrencyCodes.IsKnown(values["currency"]))
            {
                f.Problem("currency", $"\"{values["currency"]}\" is not an ISO 4217 currency code: use e.g. EUR or USD.");
            }

            if (values["contact_email"] is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
            {
                f.Problem("contact_email", $"\"{email}\" is not an email address.");
            }

            values["language"] = values["language"].ToLowerInvariant();
            if (values["language"].Length > 0 && !Languages.IsSupported(values["language"]))
            {
                f.Problem("language", $"\"{values["language"]}\" is not a supported language: use one of {Languages.Codes}, or leave it empty for the company default.");
            }

            CheckBilling(f, values);
            var terms = f.Number("payment_terms_days", required: false) ?? 30m;
            if (terms is < 0m or > 365m || terms != decimal.Truncate(terms))
            {
                f.Problem("payment_terms_days", "Payment terms are whole days between 0 and 365.");
            }

            CsvImportSupport.AddListed(errors, rowErrors);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(rows, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(rowErrors.Count == 0, NpgsqlDbType.Boolean, cancellationToken);
            foreach (var text in Texts)
            {
                await (values[text].Length == 0 ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(values[text], NpgsqlDbType.Text, cancellationToken));
            }

            await copy.WriteAsync(rowErrors.Count == 0 ? (int)terms : 0, NpgsqlDbType.Integer, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>Country, VAT id and salutation as the customer form accepts them; codes upper-cased, salutation as Ms or Mr.</summary>
    private static void CheckBilling(RowFields f, Dictionary<string, string> values)
    {
        values["country"] = values["country"].ToUpperInvariant();
        if (values["country"].Length > 0 && (values["country"].Length != 2 || !values["country"].All(char.IsAsciiLetter)))
        {
            f.Problem("country", $"\"{values["country"]}\" is not a two-letter ISO country code such as DE or US.");
        }

        values["vat_id"] = values["vat_id"].ToUpperInvariant();
        if (values["vat_id"].Length > 30 || !values["vat_id"].All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.'))
        {
            f.Problem("vat_id", $"\"{values["vat_id"]}\" is not a VAT id: letters and digits, at most 30 characters, such as DE123456789.");
        }

        var salutation = values["contact_salutation"];
        if (salutation.Length > 0)
        {
            if (Enum.TryParse<Salutation>(salutation.TrimEnd('.'), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                values["contact_salutation"] = parsed.ToString();
            }
            else
            {
                f.Problem("contact_salutation", $"\"{salutation}\" is not a salutation: use Ms or Mr, or leave it empty.");
            }
        }

        foreach (var (column, max) in new[] { ("street", 200), ("postal_code", 20), ("city", 100), ("contact_first_name", 100), ("contact_last_name", 100) })
        {
            if (values[column].Length > max)
            {
                f.Problem(column, $"Use at most {max} characters.");
            }
        }
    }

    /// <summary>An external id twice in one file: the later rows are refused, as they would silently be ignored.</summary>
    private static async Task<List<ImportError>> DuplicatesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        await using var command = CsvImportSupport.Command($"""
            WITH ranked AS (SELECT row_number, external_id, min(row_number) OVER (PARTITION BY external_id) AS first FROM {Staging} WHERE valid),
            marked AS (UPDATE {Staging} s SET valid = false FROM ranked r WHERE r.row_number = s.row_number AND r.first <> r.row_number
                       RETURNING s.row_number, s.external_id, r.first)
            SELECT row_number, external_id, first FROM marked ORDER BY row_number LIMIT {ImportLimits.MaxListedErrors}
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new(reader.GetInt32(0), "external_id", $"External id {reader.GetString(1)} is already on row {reader.GetInt32(2)}: each customer once per file."));
        }

        return errors;
    }

    private async Task<(int Created, int Already)> MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = CsvImportSupport.Command($"""
            WITH existing AS (SELECT count(*)::int AS n FROM {Staging} s WHERE s.valid AND EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.external_id)),
            ins AS (
              INSERT INTO customers (id, tenant_id, external_id, name, currency, payment_terms_days, segment, region, country, language, time_zone,
                                     do_not_contact, is_key_account, created_at, updated_at, street, postal_code, city, vat_id)
              SELECT gen_random_uuid(), @tenant, s.external_id, s.name, s.currency, s.payment_terms_days, s.segment, s.region, s.country, s.language,
                     (SELECT t.time_zone FROM tenants t WHERE t.id = @tenant), false, false, @now, @now, s.street, s.postal_code, s.city, s.vat_id
              FROM {Staging} s WHERE s.valid
              ON CONFLICT (tenant_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
              RETURNING id, external_id),
            contacts AS (
              INSERT INTO contacts (id, tenant_id, customer_id, name, email, is_primary, bounced, salutation, first_name, last_name)
              SELECT gen_random_uuid(), @tenant, ins.id,
                     coalesce(s.contact_name, nullif(trim(concat_ws(' ', s.contact_first_name, s.contact_last_name)), ''), s.name),
                     s.contact_email, true, false, s.contact_salutation, s.contact_first_name, s.contact_last_name
              FROM {Staging} s JOIN ins ON ins.external_id = s.external_id WHERE s.valid AND s.contact_email IS NOT NULL
              RETURNING 1)
            SELECT (SELECT count(*)::int FROM ins), (SELECT n FROM existing), (SELECT count(*)::int FROM contacts)
            """, connection);
        command.Parameters.AddWithValue("tenant", tenant.RequiredTenantId);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
