using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>What a statement import did: lines read, new, already imported, debits, applied automatically, left in the queue; or the problem.</summary>
public sealed record StatementImportResult(int Lines, int New, int AlreadyImported, int Debits, int AutoApplied, int Queued, string? Problem)
{
    public bool Succeeded => Problem is null;

    public static StatementImportResult Failed(string problem) => new(0, 0, 0, 0, 0, 0, problem);
}

/// <summary>
/// Imports a statement for one bank account: the file is parsed (a file that is not what it claims gets a report),
/// lines already imported (same account and key, from this file or an overlapping one) are skipped, the new ones are
/// stored, and each new credit is matched: above the tenant's threshold it applies itself through
/// <see cref="CashApplier"/>, else it waits in the unapplied-cash queue. Debits are kept and never matched.
/// </summary>
public sealed class StatementImporter(ArCollectDbContext db, TenantContext tenant, TimeProvider time, CashApplier applier, ILogger<StatementImporter> logger)
{
    public async Task<StatementImportResult> ImportAsync(
        Guid bankAccountId, Stream file, StatementFormat? format, IReadOnlyDictionary<string, string>? csvMapping, string? fileName, CancellationToken cancellationToken)
    {
        var account = await db.BankAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == bankAccountId, cancellationToken);
        if (account is null)
        {
            return StatementImportResult.Failed("Choose one of your company's bank accounts.");
        }

        ParsedStatement parsed;
        StatementFormat actual;
        try
        {
            (parsed, actual) = await StatementParsers.ParseAsync(file, format, csvMapping, cancellationToken);
        }
        catch (StatementFormatException ex)
        {
            return StatementImportResult.Failed(ex.Message);
        }

        if (parsed.AccountIban is { Length: > 0 } iban && Iban.IsValid(iban) && Iban.Normalize(iban) != Iban.Normalize(account.Iban))
        {
            return StatementImportResult.Failed($"The statement is for account {Iban.Format(iban)}, not {account.Name} ({Iban.Format(account.Iban)}): nothing was imported.");
        }

        var lines = Keyed(parsed.Lines);
        var keys = lines.Select(l => l.Key).ToArray();
        var existing = (await db.BankEntries.AsNoTracking().Where(e => e.BankAccountId == account.Id && keys.Contains(e.EntryKey))
            .Select(e => e.EntryKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var statement = new BankStatement
        {
            Id = Guid.CreateVersion7(),
            BankAccountId = account.Id,
            StatementReference = Bounded(parsed.StatementId, 100),
            Format = actual.ToString(),
            FileName = Bounded(fileName, 200),
            Lines = lines.Count,
            ImportedAt = now,
            ImportedBy = tenant.UserId,
        };
        var added = lines.Where(l => !existing.Contains(l.Key)).Select(l => new BankEntry
        {
            Id = Guid.CreateVersion7(),
            BankAccountId = account.Id,
            BankStatementId = statement.Id,
            EntryKey = l.Key,
            BookingDate = l.Line.BookingDate,
            ValueDate = l.Line.ValueDate,
            Amount = Money.Round(l.Line.Amount, l.Line.Currency),
            Currency = l.Line.Currency,
            Direction = l.Line.Direction,
            PayerName = Bounded(l.Line.PayerName, 200),
            PayerIban = l.Line.PayerIban is { } payerIban && Iban.IsValid(payerIban) ? Iban.Normalize(payerIban) : Bounded(l.Line.PayerIban, 34),
            Remittance = Bounded(l.Line.Remittance, 1000),
            BankReference = Bounded(l.Line.BankReference, 100),
            BookingCode = Bounded(l.Line.BookingCode, 100),
            Status = l.Line.Direction == EntryDirection.Debit ? BankEntryStatus.Debit : BankEntryStatus.Unapplied,
            CreatedAt = now,
        }).Where(e => e.Amount > 0m).ToList();
        statement.NewLines = added.Count;
        db.BankStatements.Add(statement);
        db.BankEntries.AddRange(added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Statement import for {TenantId} met lines imported meanwhile", tenant.TenantId);
            return StatementImportResult.Failed("The same lines were imported by someone else at the same moment; nothing was imported twice. Import the file again to add what is missing.");
        }

        db.ChangeTracker.Clear();
        var (auto, queued) = await MatchAsync(added.Where(e => e.Status == BankEntryStatus.Unapplied).ToList(), cancellationToken);
        logger.LogInformation("Imported statement {Statement} for {TenantId}: {New} new of {Lines} lines, {Auto} applied automatically, {Queued} queued",
            statement.StatementReference, tenant.TenantId, added.Count, lines.Count, auto, queued);
        return new StatementImportResult(lines.Count, added.Count, lines.Count - added.Count, added.Count(e => e.Status == BankEntryStatus.Debit), auto, queued, null);
    }

    /// <summary>Matches new receipts; those clearing the threshold apply themselves, the others keep their best confidence for the queue.</summary>
    public async Task<(int Auto, int Queued)> MatchAsync(IReadOnlyList<BankEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return (0, 0);
        }

        var matcher = await db.CashMatcherAsync(cancellationToken);
        var (auto, queued) = (0, 0);
        foreach (var entry in entries)
        {
            var result = matcher.Match(entry.ToReceipt());
            if (result.AutoApply && (await applier.ApplyAsync(entry.Id, ApplicationRequest.From(result.Best!, matcher.Rules), ApplicationMode.Automatic, cancellationToken)).Succeeded)
            {
                auto++;
                continue;
            }

            queued++;
            var confidence = result.Best?.Confidence;
            await db.BankEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Confidence, confidence), cancellationToken);
        }

        return (auto, queued);
    }

    /// <summary>Lines with their keys; two identical lines without a bank reference in one file are told apart by their order.</summary>
    private static List<(StatementLine Line, string Key)> Keyed(IReadOnlyList<StatementLine> lines)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new List<(StatementLine, string)>(lines.Count);
        foreach (var line in lines)
        {
            var key = line.Key;
            var count = seen[key] = seen.GetValueOrDefault(key) + 1;
            keyed.Add((line, Bounded(count == 1 ? key : $"{key}#{count}", 200)!));
        }

        return keyed;
    }

    private static string? Bounded(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
