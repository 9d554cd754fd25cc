using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

public sealed record AdjustmentResult(Guid? Id, string? Number, decimal Amount, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !NotFound;

    /// <summary>Set when a write-off above the limit became a request for a Manager's approval instead (nothing written off yet).</summary>
    public Guid? PendingRequestId { get; init; }

    public string Currency { get; init; } = "";

    /// <summary>The write-off limit of the currency that the amount went over.</summary>
    public decimal? Limit { get; init; }

    public bool IsPending => PendingRequestId is not null;
}

/// <summary>
/// Credit notes and write-offs: each locks the invoice, reduces its open balance like a payment allocation would
/// (credited and written-off amounts are kept apart so reports can show write-offs separately), and writes the
/// timeline entry, in one transaction.
/// </summary>
public sealed class InvoiceAdjustments(ArCollectDbContext db, DocumentNumbers numbers, TenantContext tenant, TimeProvider time)
{
    /// <summary>
    /// Writes off as someone who is not known to be a Manager (a clerk, the API): an amount above the tenant's limit
    /// for the invoice's currency becomes a <see cref="WriteOffRequest"/> for a Manager instead.
    /// </summary>
    public Task<AdjustmentResult> WriteOffAsync(AdjustmentInput input, CancellationToken cancellationToken) =>
        AdjustAsync(input, isWriteOff: true, mayExceedLimit: false, cancellationToken);

    /// <param name="mayExceedLimit">The user is a Manager or Admin, whose write-offs need no approval.</param>
    public Task<AdjustmentResult> WriteOffAsync(AdjustmentInput input, bool mayExceedLimit, CancellationToken cancellationToken) =>
        AdjustAsync(input, isWriteOff: true, mayExceedLimit, cancellationToken);

    public Task<AdjustmentResult> CreditAsync(AdjustmentInput input, CancellationToken cancellationToken) =>
        AdjustAsync(input, isWriteOff: false, mayExceedLimit: true, cancellationToken);

    /// <summary>Joins the caller's transaction when there is one (approvals, cancel and rebill), else runs in its own.</summary>
    private async Task<AdjustmentResult> AdjustAsync(AdjustmentInput input, bool isWriteOff, bool mayExceedLimit, CancellationToken cancellationToken)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var result = await AdjustInTransactionAsync(input, isWriteOff, mayExceedLimit, cancellationToken);
        if (own is not null && result.Succeeded)
        {
            await own.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<AdjustmentResult> AdjustInTransactionAsync(AdjustmentInput input, bool isWriteOff, bool mayExceedLimit, CancellationToken cancellationToken)
    {
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
        if (isWriteOff && !mayExceedLimit)
        {
            var limit = await db.CurrencySettings.AsNoTracking().Where(c => c.Currency == invoice.Currency)
                .Select(c => c.WriteOffLimit).FirstOrDefaultAsync(cancellationToken);
            if (limit is { } max && amount > max)
            {
                return await RequestApprovalAsync(invoice, amount, max, reason, input.Date, now, cancellationToken);
            }
        }

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
        return new AdjustmentResult(id, number, amount, []) { Currency = invoice.Currency };
    }

    private async Task<AdjustmentResult> RequestApprovalAsync(
        Invoice invoice, decimal amount, decimal limit, string reason, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = new WriteOffRequest
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Amount = amount,
            Currency = invoice.Currency,
            Reason = reason,
            WriteOffOn = date,
            RequestedBy = tenant.UserId,
            RequestedAt = now,
            Status = WriteOffRequestStatus.Pending,
        };
        db.WriteOffRequests.Add(request);
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            Type = ActivityType.Invoice,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Write-off of {invoice.Currency} {amount:N2} on invoice {invoice.Number} requested ({reason}): above the limit of "
                + $"{invoice.Currency} {limit:N2}, awaiting a manager's approval",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new AdjustmentResult(null, null, amount, []) { PendingRequestId = request.Id, Currency = invoice.Currency, Limit = limit };
    }

    private static AdjustmentResult Fail(string field, string message) => new(null, null, 0m, [(field, message)]);
}
