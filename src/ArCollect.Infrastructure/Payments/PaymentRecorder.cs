using ArCollect.Domain.Activities;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArCollect.Infrastructure.Payments;

public sealed record PaymentResult(Payment? Payment, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Records a payment and applies it to invoices in one transaction: the payment, its allocations, the invoices'
/// paid amounts and the timeline entry are saved together or not at all. Used by the page and the API.
/// </summary>
public sealed class PaymentRecorder(ArCollectDbContext db, TenantContext tenant, TimeProvider time, DocumentNumbers numbers)
{
    public async Task<PaymentResult> RecordAsync(RecordPaymentInput input, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Fail(nameof(input.CustomerId), "Choose a customer of your company.");
        }

        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is not null && await db.Payments.AnyAsync(p => p.Reference == reference, cancellationToken))
        {
            return Fail(nameof(input.Reference), $"A payment with reference {reference} is already recorded; it was not recorded twice.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock the customer's open invoices so two clerks applying money at once cannot over-apply an invoice.
        var openInvoices = await db.Invoices
            .FromSql($"SELECT * FROM invoices WHERE customer_id = {customer.Id} AND balance > 0 FOR UPDATE")
            .ToListAsync(cancellationToken);
        // Early-payment discounts shrink what is due when the money arrives inside the window; they are granted only
        // when the payment settles the discounted amount in full.
        var discounts = openInvoices.ToDictionary(i => i.Id, i => EarlyPaymentDiscount.Offered(i, input.ReceivedOn));
        var openItems = openInvoices.Select(i => new OpenItem(i.Id, i.Number, i.DueDate, i.OpenAmount - discounts[i.Id], i.Currency)).ToList();
        var outcome = PaymentAllocator.Allocate(input.Amount, input.Currency, openItems, input.Allocations);
        if (!outcome.Succeeded)
        {
            return new PaymentResult(null, outcome.Errors.Select(e => ("Allocations", e)).ToList());
        }

        var now = time.GetUtcNow();
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Reference = reference,
            ReceivedOn = input.ReceivedOn,
            Amount = input.Amount,
            Currency = input.Currency,
            Method = input.Method,
            UnappliedAmount = outcome.Unapplied,
            CreatedAt = now,
        };
        foreach (var allocation in outcome.Allocations)
        {
            payment.Allocations.Add(new PaymentAllocation { Id = Guid.CreateVersion7(), InvoiceId = allocation.InvoiceId, Amount = allocation.Amount });
            var invoice = openInvoices.Single(i => i.Id == allocation.InvoiceId);
            invoice.AmountPaid += allocation.Amount;
            invoice.UpdatedAt = now;
            if (discounts[invoice.Id] > 0m && invoice.OpenAmount == discounts[invoice.Id])
            {
                await GrantDiscountAsync(invoice, input.ReceivedOn, now, cancellationToken);
            }

            if (invoice.OpenAmount <= 0m)
            {
                invoice.SettledOn = input.ReceivedOn;
            }
        }

        db.Payments.Add(payment);
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Type = ActivityType.Payment,
            At = now,
            UserId = tenant.UserId,
            Summary = $"Payment of {input.Currency} {input.Amount:N2} received {input.ReceivedOn:yyyy-MM-dd}"
                + (reference is null ? "" : $" (ref {reference})")
                + $": applied to {outcome.Allocations.Count} invoice(s)"
                + (outcome.Unapplied > 0 ? $", {outcome.Unapplied:N2} unapplied" : ""),
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Fail(nameof(input.Reference), $"A payment with reference {reference} is already recorded; it was not recorded twice.");
        }

        return new PaymentResult(payment, []);
    }

    private async Task GrantDiscountAsync(Invoice invoice, DateOnly receivedOn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var discount = invoice.OpenAmount;
        var settings = await numbers.SettingsAsync(cancellationToken);
        db.CreditNotes.Add(new CreditNote
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Number = await numbers.NextAsync(settings.CreditNotePattern, receivedOn, cancellationToken),
            IssueDate = receivedOn,
            Amount = discount,
            Currency = invoice.Currency,
            Reason = $"Early-payment discount ({invoice.Terms})",
            CreatedAt = now,
        });
        invoice.AmountCredited += discount;
    }

    private static PaymentResult Fail(string field, string message) => new(null, [(field, message)]);
}
