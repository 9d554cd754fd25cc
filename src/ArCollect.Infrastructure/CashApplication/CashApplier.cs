using System.Globalization;
using System.Text.Json;
using ArCollect.Domain.Activities;
using ArCollect.Domain.CashApplication;
using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Payments;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.CashApplication;

/// <summary>
/// How to apply one bank receipt: to which customer, how much in the invoices' currency, to which invoices; what is
/// left on an invoice up to <paramref name="SettleWithin"/> is a bank fee or exchange difference written off, and what
/// is left beyond it on the listed invoices is a short payment that opens a dispute.
/// </summary>
public sealed record ApplicationRequest(
    Guid CustomerId,
    decimal Amount,
    string Currency,
    IReadOnlyList<AllocationRequest> Allocations,
    decimal SettleWithin,
    IReadOnlyList<Guid> ShortPaid,
    decimal? Confidence,
    string? Evidence)
{
    /// <summary>The remittance advice the application follows; applying marks it matched, undoing frees it.</summary>
    public Guid? AdviceId { get; init; }

    /// <summary>The request a matcher's candidate stands for.</summary>
    public static ApplicationRequest From(MatchCandidate candidate, MatchingRules rules) => new(
        candidate.CustomerId,
        candidate.AmountInInvoiceCurrency,
        candidate.Currency,
        candidate.Allocations.Select(a => new AllocationRequest(a.InvoiceId, a.Amount)).ToList(),
        candidate.Kind == MatchKind.Exact ? Math.Max(rules.ToleranceIn(candidate.Currency), Math.Round(candidate.AmountInInvoiceCurrency * rules.ForeignCurrencyTolerance, 2)) : 0m,
        candidate.Allocations.Where(a => a.Shortfall > 0m).Select(a => a.InvoiceId).ToList(),
        candidate.Confidence,
        string.Join("; ", candidate.Evidence))
    {
        AdviceId = candidate.AdviceId,
    };
}

public sealed record CashResult(IReadOnlyList<string> Errors)
{
    public static readonly CashResult Ok = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static CashResult Fail(string error) => new([error]);
}

/// <summary>
/// Applies, parks and undoes bank receipts. Applying records the payment with <see cref="PaymentRecorder"/> (the rule of
/// a payment recorded by hand) inside one transaction with the entry's new state, the short-payment disputes, the
/// written-off fees and the learned payer account; undoing reverses all of it, with the reason in the audit trail.
/// </summary>
public sealed class CashApplier(ArCollectDbContext db, TenantContext tenant, TimeProvider time, PaymentRecorder recorder)
{
    public async Task<CashResult> ApplyAsync(Guid entryId, ApplicationRequest request, ApplicationMode mode, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await LockAsync(entryId, cancellationToken);
        if (entry is null || entry.Status != BankEntryStatus.Unapplied)
        {
            return CashResult.Fail(entry is null ? "That bank entry does not exist." : $"That bank entry is already {entry.Status.ToString().ToLowerInvariant()}: reload the queue.");
        }

        var input = new RecordPaymentInput
        {
            CustomerId = request.CustomerId,
            Amount = request.Amount,
            Currency = request.Currency,
            ReceivedOn = entry.BookingDate,
            Reference = "BNK-" + entry.Id.ToString("N"),
            Method = PaymentMethod.BankTransfer,
            Allocations = request.Allocations.Where(a => a.Amount > 0m).ToList(),
            // "Keep on account" names no invoice: the money waits as credit instead of going to the oldest invoices.
            KeepUnapplied = request.Allocations.All(a => a.Amount <= 0m),
        };
        var recorded = await recorder.RecordAsync(input, cancellationToken);
        if (!recorded.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new CashResult(recorded.Errors.Select(e => e.Message).ToList());
        }

        var now = time.GetUtcNow();
        var payment = recorded.Payment!;
        await SettleAndDisputeAsync(entry, request, payment, now, cancellationToken);
        entry.Status = BankEntryStatus.Applied;
        entry.AppliedBy = mode;
        entry.CustomerId = request.CustomerId;
        entry.PaymentId = payment.Id;
        entry.Confidence = request.Confidence;
        entry.Note = Bounded(request.Evidence);
        entry.DecidedAt = now;
        entry.DecidedBy = tenant.UserId;
        await LearnAsync(entry, request.CustomerId, mode, now, cancellationToken);
        if (request.AdviceId is { } adviceId
            && await db.RemittanceAdvices.FirstOrDefaultAsync(a => a.Id == adviceId && a.Status == RemittanceAdviceStatus.Waiting, cancellationToken) is { } advice)
        {
            advice.Status = RemittanceAdviceStatus.Matched;
            advice.BankEntryId = entry.Id;
            advice.MatchedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CashResult.Ok;
    }

    /// <summary>Takes the entry out of the queue with the clerk's note (a refund from a supplier, interest, a transfer between own accounts).</summary>
    public async Task<CashResult> ParkAsync(Guid entryId, string note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return CashResult.Fail("Say why the receipt is parked, e.g. \"refund from supplier\".");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await LockAsync(entryId, cancellationToken);
        if (entry is null || entry.Status != BankEntryStatus.Unapplied)
        {
            return CashResult.Fail("Only a receipt waiting in the queue can be parked.");
        }

        entry.Status = BankEntryStatus.Parked;
        entry.Note = Bounded("Parked: " + note.Trim());
        entry.DecidedAt = time.GetUtcNow();
        entry.DecidedBy = tenant.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CashResult.Ok;
    }

    /// <summary>Puts a parked receipt back into the queue.</summary>
    public async Task<CashResult> UnparkAsync(Guid entryId, CancellationToken cancellationToken)
    {
        var updated = await db.BankEntries.Where(e => e.Id == entryId && e.Status == BankEntryStatus.Parked)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, BankEntryStatus.Unapplied).SetProperty(e => e.Note, (string?)null), cancellationToken);
        return updated == 1 ? CashResult.Ok : CashResult.Fail("Only a parked receipt can go back to the queue.");
    }

    /// <summary>
    /// Reverses an application: the payment, its allocations, the fees written off and the short-payment disputes it
    /// opened go; the invoices are open again as before; the receipt waits in the queue; the reason is audited.
    /// </summary>
    public async Task<CashResult> UndoAsync(Guid entryId, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CashResult.Fail("Give the reason for undoing the application; it goes into the audit trail.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await LockAsync(entryId, cancellationToken);
        if (entry is null || entry.Status != BankEntryStatus.Applied || entry.PaymentId is not { } paymentId)
        {
            return CashResult.Fail("Only an applied receipt can be undone.");
        }

        var payment = await db.Payments.Include(p => p.Allocations).SingleAsync(p => p.Id == paymentId, cancellationToken);
        var invoiceIds = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var discountNotes = await db.CreditNotes.Where(c => c.InvoiceId != null && invoiceIds.Contains(c.InvoiceId.Value) && c.CreatedAt == payment.CreatedAt)
            .Select(c => c.Number).ToListAsync(cancellationToken);
        if (discountNotes.Count > 0)
        {
            return CashResult.Fail($"The application granted an early-payment discount (credit note {string.Join(", ", discountNotes)}), which keeps its number: correct it with the credit note rather than undoing.");
        }

        var tenantId = tenant.TenantId!.Value;
        var invoices = await db.Invoices
            .FromSql($"SELECT * FROM invoices WHERE tenant_id = {tenantId} AND id = ANY({invoiceIds.ToArray()}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        var marker = Marker(entry);
        var writeOffs = await db.WriteOffs.Where(w => invoiceIds.Contains(w.InvoiceId) && w.Reason.EndsWith(marker)).ToListAsync(cancellationToken);
        var disputes = await db.Disputes.Where(d => invoiceIds.Contains(d.InvoiceId) && d.Notes != null && d.Notes.EndsWith(marker) && d.Status == DisputeStatus.Open)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var invoice in invoices)
        {
            invoice.AmountPaid -= payment.Allocations.Where(a => a.InvoiceId == invoice.Id).Sum(a => a.Amount);
            invoice.AmountWrittenOff -= writeOffs.Where(w => w.InvoiceId == invoice.Id).Sum(w => w.Amount);
            invoice.SettledOn = invoice.OpenAmount > 0m ? null : invoice.SettledOn;
            invoice.UpdatedAt = now;
        }

        db.WriteOffs.RemoveRange(writeOffs);
        db.Disputes.RemoveRange(disputes);
        foreach (var invoice in invoices.Where(i => disputes.Any(d => d.InvoiceId == i.Id)))
        {
            invoice.IsDisputed = await db.Disputes.AnyAsync(d => d.InvoiceId == invoice.Id && d.Status == DisputeStatus.Open && !disputes.Select(x => x.Id).Contains(d.Id), cancellationToken);
        }

        await db.RemittanceAdvices.Where(a => a.BankEntryId == entry.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, RemittanceAdviceStatus.Waiting)
            .SetProperty(a => a.BankEntryId, (Guid?)null)
            .SetProperty(a => a.MatchedAt, (DateTimeOffset?)null), cancellationToken);
        db.PaymentAllocations.RemoveRange(payment.Allocations);
        db.Payments.Remove(payment);
        entry.Status = BankEntryStatus.Unapplied;
        entry.PaymentId = null;
        entry.AppliedBy = null;
        entry.Note = Bounded("Application undone: " + reason.Trim());
        entry.DecidedAt = now;
        entry.DecidedBy = tenant.UserId;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = tenant.UserId,
            EntityType = nameof(BankEntry),
            EntityId = entry.Id,
            Action = "Application undone",
            Details = JsonSerializer.Serialize(new
            {
                reason = Bounded(reason.Trim(), 500),
                payment = payment.Reference,
                amount = payment.Amount,
                currency = payment.Currency,
                invoices = invoices.Select(i => i.Number).ToList(),
            }),
        });
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = payment.CustomerId,
            Type = ActivityType.Payment,
            At = now,
            UserId = tenant.UserId,
            Summary = Bounded($"Bank receipt of {payment.Currency} {payment.Amount.ToString("N2", CultureInfo.InvariantCulture)} un-applied: {reason.Trim()}", 500)!,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CashResult.Ok;
    }

    private async Task SettleAndDisputeAsync(BankEntry entry, ApplicationRequest request, Payment payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = payment.Allocations.Select(a => a.InvoiceId).ToList();
        var invoices = db.ChangeTracker.Entries<Invoice>().Select(e => e.Entity).Where(i => ids.Contains(i.Id)).ToList();
        foreach (var invoice in invoices)
        {
            var left = invoice.OpenAmount;
            if (left > 0m && left <= request.SettleWithin)
            {
                db.WriteOffs.Add(new WriteOff
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = invoice.CustomerId,
                    InvoiceId = invoice.Id,
                    WrittenOffOn = entry.BookingDate,
                    Amount = left,
                    Currency = invoice.Currency,
                    Reason = "Bank fee or exchange difference on receipt " + Marker(entry),
                    UserId = tenant.UserId,
                    CreatedAt = now,
                });
                invoice.AmountWrittenOff += left;
                invoice.SettledOn = entry.BookingDate;
            }
            else if (left > 0m && request.ShortPaid.Contains(invoice.Id))
            {
                db.Disputes.Add(new Dispute
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = invoice.CustomerId,
                    InvoiceId = invoice.Id,
                    Reason = DisputeReason.Other,
                    Status = DisputeStatus.Open,
                    Amount = left,
                    OpenedOn = entry.BookingDate,
                    Notes = Bounded($"Short payment: {invoice.Currency} {left.ToString("N2", CultureInfo.InvariantCulture)} left unpaid by receipt " + Marker(entry), 2000),
                });
                invoice.IsDisputed = true;
            }
        }
    }

    /// <summary>The payer's account now belongs to this customer; a clerk's decision overrides an earlier one, an automatic one never does.</summary>
    private async Task LearnAsync(BankEntry entry, Guid customerId, ApplicationMode mode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Iban.IsValid(entry.PayerIban))
        {
            return;
        }

        var iban = Iban.Normalize(entry.PayerIban!);
        var known = await db.PayerAccounts.SingleOrDefaultAsync(p => p.Iban == iban, cancellationToken);
        if (known is null)
        {
            db.PayerAccounts.Add(new PayerAccount { Id = Guid.CreateVersion7(), Iban = iban, CustomerId = customerId, Applications = 1, LearnedAt = now });
        }
        else if (known.CustomerId == customerId || mode == ApplicationMode.Clerk)
        {
            known.Applications = known.CustomerId == customerId ? known.Applications + 1 : 1;
            known.CustomerId = customerId;
            known.LearnedAt = now;
        }
    }

    private Task<BankEntry?> LockAsync(Guid entryId, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!.Value;
        return db.BankEntries.FromSql($"SELECT * FROM bank_entries WHERE tenant_id = {tenantId} AND id = {entryId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static string Marker(BankEntry entry) => $"(bank entry {entry.Id})";

    private static string? Bounded(string? text, int length = 2000) => text is null || text.Length <= length ? text : text[..(length - 3)] + "...";
}
