using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

public sealed record RebillResult(Invoice? Draft, string? CreditNoteNumber, decimal Credited, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;
}

/// <summary>
/// Cancel and rebill: one action on an issued invoice that credits what is open on it with a credit note (through
/// <see cref="InvoiceAdjustments"/>, so numbering, timeline and audit are the usual ones) and makes a draft copy of
/// its ordinary lines, linked to it (<see cref="Invoice.RebillOfId"/>), to correct and issue under a new number.
/// Both documents stay on the ledger. In one transaction: either both exist or neither does. Invoices with payments
/// or write-offs on them are refused (the money would have to move first); an invoice is rebilled once.
/// </summary>
public sealed class InvoiceRebilling(ArCollectDbContext db, InvoiceAdjustments adjustments, TenantContext tenant, TimeProvider time)
{
    public async Task<RebillResult> CancelAndRebillAsync(Guid invoiceId, string? reason, CancellationToken cancellationToken)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            return Fail("Reason", "Give a reason, e.g. \"Wrong quantity on line 2\".");
        }

        if (why.Length > 400)
        {
            return Fail("Reason", "Use at most 400 characters for the reason.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {invoiceId} FOR UPDATE")
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return new RebillResult(null, null, 0m, [], NotFound: true);
        }

        if (invoice.State != InvoiceState.Issued)
        {
            return Fail("InvoiceId", $"Invoice {invoice.Number} is not issued; change the draft instead.");
        }

        if (await db.Invoices.AnyAsync(i => i.RebillOfId == invoice.Id, cancellationToken))
        {
            return Fail("InvoiceId", $"Invoice {invoice.Number} was already cancelled and rebilled.");
        }

        if (invoice.AmountPaid > 0m || invoice.AmountWrittenOff > 0m)
        {
            return Fail("InvoiceId", $"Invoice {invoice.Number} has {invoice.Currency} {invoice.AmountPaid + invoice.AmountWrittenOff:N2} paid or written off; "
                + "correct it with a credit note for the part that is wrong instead.");
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var credit = await adjustments.CreditAsync(
            new AdjustmentInput { InvoiceId = invoice.Id, Amount = null, Reason = $"Cancelled and rebilled: {why}", Date = today }, cancellationToken);
        if (!credit.Succeeded)
        {
            return new RebillResult(null, null, 0m, credit.Errors);
        }

        var lines = await db.InvoiceLines.AsNoTracking()
            .Where(l => l.InvoiceId == invoice.Id && l.LateFeePeriod == null)
            .OrderBy(l => l.LineNumber)
            .Select(l => new InvoiceLineInput { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice, TaxRate = l.TaxRate })
            .ToListAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var draft = new Invoice
        {
            Id = id,
            CustomerId = invoice.CustomerId,
            Number = InvoiceIssuer.DraftNumber(id),
            State = InvoiceState.Draft,
            Terms = invoice.Terms,
            IssueDate = today,
            SupplyDate = invoice.SupplyDate ?? invoice.IssueDate,
            DueDate = PaymentTerms.TryParse(invoice.Terms, out var terms)
                ? terms.DueDate(today)
                : today.AddDays(invoice.DueDate.DayNumber - invoice.IssueDate.DayNumber),
            Currency = invoice.Currency,
            PurchaseOrder = invoice.PurchaseOrder,
            Notes = invoice.Notes,
            RebillOfId = invoice.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        InvoiceTotals.Apply(draft, lines);
        db.Invoices.Add(draft);
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            Type = ActivityType.Invoice,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Invoice {invoice.Number} cancelled with credit note {credit.Number} for {invoice.Currency} {credit.Amount:N2} "
                + $"and rebilled as a new draft: {why}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RebillResult(draft, credit.Number, credit.Amount, []);
    }

    private static RebillResult Fail(string field, string message) => new(null, null, 0m, [(field, message)]);
}
