using System.Globalization;
using System.Security.Cryptography;
using ArCollect.Domain.CashApplication;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Imports;
using ArCollect.Infrastructure.Tenancy;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>What reading one advice did: the advice stored (or found already stored), or the problems, each naming row and column.</summary>
public sealed record RemittanceImportResult(RemittanceAdvice? Advice, bool AlreadyImported, IReadOnlyList<RemittanceRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0 && Advice is not null;

    public static RemittanceImportResult Problem(string column, string message) => new(null, false, [new RemittanceRowError(0, column, message)]);
}

/// <summary>What reading the collections mailbox found: advices stored, messages already read, and the problems per message.</summary>
public sealed record MailboxRemittanceResult(int Stored, int AlreadyImported, IReadOnlyList<string> Problems);

/// <summary>
/// Stores remittance advices: from an uploaded CSV or XLSX file (the customer is the one whose invoices it names), or
/// from a table in a message the collections mailbox captured from a customer. Every named invoice must exist and
/// belong to that customer, else nothing is stored and each bad row is named with its column. The same file or
/// message read twice stores one advice.
/// </summary>
public sealed class RemittanceAdviceImporter(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    public const long MaxFileBytes = 10L * 1024 * 1024;

    /// <summary>How far back the mailbox is read for advices.</summary>
    public const int MailboxDays = 60;

    public async Task<RemittanceImportResult> ImportFileAsync(Stream file, string fileName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || buffer.Length > MaxFileBytes)
        {
            return RemittanceImportResult.Problem("file", $"Choose a CSV or XLSX remittance advice of at most {MaxFileBytes / 1024 / 1024} MB.");
        }

        var bytes = buffer.ToArray();
        var key = "file:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.SourceKey == key, cancellationToken) is { } known)
        {
            return new RemittanceImportResult(known, true, []);
        }

        var xlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || (bytes.Length > 1 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K');
        List<(int, IReadOnlyList<string>)> rows;
        try
        {
            rows = xlsx ? ReadXlsx(bytes) : await ReadCsvAsync(bytes, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or ArgumentException or IOException or InvalidOperationException or CsvFormatException)
        {
            return RemittanceImportResult.Problem("file", xlsx
                ? "The file is not a readable XLSX workbook: save it from Excel as .xlsx, or export it as CSV."
                : "The file cannot be read as CSV: save it as \"CSV UTF-8\" with commas between the columns.");
        }

        var table = RemittanceTable.Read(rows);
        if (!table.Found)
        {
            return RemittanceImportResult.Problem("file",
                "The file has no header row naming an invoice column and an amount column (e.g. \"invoice_number,amount\"): add one and upload it again.");
        }

        return await StoreAsync(table, xlsx ? RemittanceSource.Xlsx : RemittanceSource.Csv, key, Path.GetFileName(fileName), null, null, cancellationToken);
    }

    /// <summary>Reads recent messages from customers in the collections mailbox; each with a remittance table becomes an advice.</summary>
    public Task<MailboxRemittanceResult> ImportMailboxAsync(CancellationToken cancellationToken) =>
        ImportMailboxAsync(time.GetUtcNow().AddDays(-MailboxDays), cancellationToken);

    /// <summary>The same for the messages captured since a moment: after a poll of the mailbox, what that poll captured.</summary>
    public async Task<MailboxRemittanceResult> ImportMailboxAsync(DateTimeOffset capturedSince, CancellationToken cancellationToken)
    {
        var since = capturedSince;
        var messages = await db.InboundMessages.AsNoTracking()
            .Where(m => m.CustomerId != null && !m.IsAutoReply && m.ReceivedAt >= since)
            .OrderBy(m => m.ReceivedAt)
            .Select(m => new { m.Id, m.CustomerId, m.FromAddress, m.Subject, m.TextBody })
            .ToListAsync(cancellationToken);
        var keys = messages.Select(m => "mail:" + m.Id.ToString("N")).ToList();
        var done = (await db.RemittanceAdvices.AsNoTracking().Where(a => keys.Contains(a.SourceKey)).Select(a => a.SourceKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var (stored, already) = (0, 0);
        var problems = new List<string>();
        foreach (var message in messages)
        {
            var key = "mail:" + message.Id.ToString("N");
            var table = RemittanceTable.FromText(message.TextBody);
            if (!table.Found)
            {
                continue;
            }

            if (done.Contains(key))
            {
                already++;
                continue;
            }

            var result = await StoreAsync(table, RemittanceSource.Email, key, null, message.CustomerId, message.FromAddress, cancellationToken);
            if (result.Succeeded)
            {
                stored++;
            }
            else
            {
                problems.AddRange(result.Errors.Select(e => $"Message from {message.FromAddress} (\"{message.Subject}\"), line {e.Row}, {e.Column}: {e.Message}"));
            }
        }

        return new MailboxRemittanceResult(stored, already, problems);
    }

    private async Task<RemittanceImportResult> StoreAsync(
        RemittanceTableResult table, RemittanceSource source, string key, string? fileName, Guid? customerId, string? sentBy, CancellationToken cancellationToken)
    {
        var errors = table.Errors.ToList();
        var numbers = table.Lines.Select(l => l.InvoiceNumber).Distinct(StringComparer.Ordinal).ToList();
        var invoices = (await db.Invoices.AsNoTracking().Where(i => numbers.Contains(i.Number))
                .Select(i => new { i.Id, i.Number, i.CustomerId, i.Currency, i.Balance }).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Number, StringComparer.Ordinal);
        var names = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var owner = customerId;
        var ownerRow = 0;
        foreach (var line in table.Lines)
        {
            if (!invoices.TryGetValue(line.InvoiceNumber, out var invoice))
            {
                errors.Add(new(line.Row, table.InvoiceColumn, $"There is no invoice {line.InvoiceNumber} in your ledger: check the number."));
                continue;
            }

            if (owner is null)
            {
                (owner, ownerRow) = (invoice.CustomerId, line.Row);
            }
            else if (invoice.CustomerId != owner)
            {
                errors.Add(new(line.Row, table.InvoiceColumn, ownerRow == 0
                    ? $"Invoice {line.InvoiceNumber} is {names.GetValueOrDefault(invoice.CustomerId)}'s, not the sender's ({names.GetValueOrDefault(owner.Value)})."
                    : $"Invoice {line.InvoiceNumber} is {names.GetValueOrDefault(invoice.CustomerId)}'s, but row {ownerRow} names one of {names.GetValueOrDefault(owner.Value)}: one advice covers one customer."));
            }
        }

        var currencies = invoices.Values.Select(i => i.Currency.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var currency = table.Currency ?? (currencies.Count == 1 ? currencies[0] : null);
        if (errors.Count == 0 && (currency is null || currencies.Any(c => c != currency)))
        {
            errors.Add(new(table.Lines[0].Row, "currency", $"The invoices are in {string.Join(", ", currencies.Order(StringComparer.Ordinal))}{(table.Currency is null ? "" : $" but the advice says {table.Currency}")}: one advice covers invoices of one currency."));
        }

        if (errors.Count > 0 || owner is null)
        {
            return new RemittanceImportResult(null, false, errors.OrderBy(e => e.Row).ToList());
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var advice = new RemittanceAdvice
        {
            Id = Guid.CreateVersion7(),
            CustomerId = owner.Value,
            AdviceDate = today,
            ExpiresOn = today.AddDays(RemittanceAdvice.DaysValid),
            SentBy = Bounded(sentBy ?? names.GetValueOrDefault(owner.Value) ?? "the customer", 320),
            Currency = currency!,
            Total = table.Lines.Sum(l => l.Amount),
            Source = source,
            SourceKey = key,
            FileName = fileName is null ? null : Bounded(fileName, 200),
            Status = RemittanceAdviceStatus.Waiting,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = tenant.UserId,
        };
        advice.Lines.AddRange(table.Lines.Select((l, i) => new RemittanceAdviceLine
        {
            Id = Guid.CreateVersion7(),
            AdviceId = advice.Id,
            Position = i + 1,
            InvoiceNumber = l.InvoiceNumber,
            InvoiceId = invoices[l.InvoiceNumber].Id,
            Amount = l.Amount,
        }));
        db.RemittanceAdvices.Add(advice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var stored = await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines).FirstAsync(a => a.SourceKey == key, cancellationToken);
            return new RemittanceImportResult(stored, true, []);
        }

        db.ChangeTracker.Clear();
        return new RemittanceImportResult(advice, false, []);
    }

    private static List<(int, IReadOnlyList<string>)> ReadXlsx(byte[] bytes)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheets.First();
        var rows = new List<(int, IReadOnlyList<string>)>();
        var last = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        foreach (var row in sheet.RowsUsed())
        {
            var cells = new List<string>(last);
            for (var c = 1; c <= last; c++)
            {
                var cell = row.Cell(c);
                cells.Add(cell.DataType == XLDataType.Number ? cell.GetDouble().ToString("0.##", CultureInfo.InvariantCulture) : cell.GetString());
            }

            rows.Add((row.RowNumber(), cells));
        }

        return rows;
    }

    private static async Task<List<(int, IReadOnlyList<string>)>> ReadCsvAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.Create(new MemoryStream(bytes), CsvImportSupport.Options(), leaveOpen: false);
        await reader.ReadHeaderAsync(cancellationToken);
        var rows = new List<(int, IReadOnlyList<string>)> { (1, reader.Headers.ToList()) };
        while (await reader.ReadAsync(cancellationToken))
        {
            var cells = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(reader.GetString(i) ?? "");
            }

            rows.Add(((int)reader.RowNumber, cells));
        }

        return rows;
    }

    private static string Bounded(string text, int length) => text.Length <= length ? text : text[..length];
}
