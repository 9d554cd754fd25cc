using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

public sealed record AdjustmentResult(Guid? Id, string? Number, decimal Amount, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;
}

/// <summary>
/// Credit notes and write-offs: each locks the invoice, reduces its open balance like a payment allocation would
/// (credited and written-off amounts are kept apart so reports can show write-offs separately), and writes the
/// timeline entry, in one transaction.
/// </summary>
public sealed class InvoiceAdjustments(ArCollectDbContext db, DocumentNumbers numbers, TenantContext tenant, TimeProvider time)
{
    public Task<AdjustmentResult> CreditAsync(AdjustmentInput input, CancellationToken cancellationToken) =>
        AdjustAsync(input, isWriteOff: false, cancellationToken);

    public Task<AdjustmentResult> WriteOffAsync(AdjustmentInput input, CancellationToken cancellationToken) =>
        AdjustAsync(input, isWriteOff: true, cancellationToken);

    private async Task<AdjustmentResult> AdjustAsync(AdjustmentInput input, bool isWriteOff, CancellationToken cancellationToken)
    {
        // Joins the caller's transaction when there is one (a dispute resolved with a credit note), else runs in its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var invoice = await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {input.InvoiceId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return new AdjustmentResult(null, null, 0m, [], NotFound: true);
        }

        var open = invoice.OpenAmount;
        var amount = input.Amount ?? open;
        if (invoice.State != InvoiceState.Issued)
        {
            return Fail("InvoiceId", $"Invoice {invoice.Number} is not issued; delete or change the draft instead.");
        }

        if (open <= 0m)
        {
            return Fail("InvoiceId", $"Invoice {invoice.Number} has nothing open to {(isWriteOff ? "write off" : "credit")}.");
        }

        if (amount > open)
        {
            return Fail("Amount", $"The amount {invoice.Currency} {amount:0.00} is more than the open balance {invoice.Currency} {open:0.00} of invoice {invoice.Number}: enter at most {invoice.Currency} {open:0.00}.");
        }

        var now = time.GetUtcNow();
        var reason = input.Reason.Trim();
        Guid id = Guid.CreateVersion7();
        string? number = null;
        if (isWriteOff)
        {
            invoice.AmountWrittenOff += amount;
            db.WriteOffs.Add(new WriteOff
            {
                Id = id,
                CustomerId = invoice.CustomerId,
                InvoiceId = invoice.Id,
                WrittenOffOn = input.Date,
                Amount = amount,
                Currency = invoice.Currency,
                Reason = reason,
                UserId = tenant.UserId,
                CreatedAt = now,
            });
        }
        else
        {
            number = await numbers.NextAsync(DocumentSeries.CreditNote, input.Date, cancellationToken);
            invoice.AmountCredited += amount;
            db.CreditNotes.Add(new CreditNote
            {
                Id = id,
                CustomerId = invoice.CustomerId,
                InvoiceId = invoice.Id,
                Number = number,
                IssueDate = input.Date,
                Amount = amount,
                Currency = invoice.Currency,
                Reason = reason,
                CreatedAt = now,
            });
        }

        invoice.UpdatedAt = now;
        if (invoice.OpenAmount <= 0m)
        {
            invoice.SettledOn = input.Date;
        }

        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            Type = ActivityType.Invoice,
            At = now,
            UserId = tenant.UserId,
            Summary = isWriteOff
                ? $"{invoice.Currency} {amount:N2} of invoice {invoice.Number} written off: {reason}"
                : $"Credit note {number} for {invoice.Currency} {amount:N2} on invoice {invoice.Number}: {reason}",
        });
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new AdjustmentResult(id, number, amount, []);
    }

    private static AdjustmentResult Fail(string field, string message) => new(null, null, 0m, [(field, message)]);
}
