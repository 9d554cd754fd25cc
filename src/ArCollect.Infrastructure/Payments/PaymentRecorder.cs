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
    private const string ReferenceIndex = "ix_payments_tenant_id_reference";

    public async Task<PaymentResult> RecordAsync(RecordPaymentInput input, CancellationToken cancellationToken)
    {
        input.RoundToMinorUnits();
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

        // Joins the caller's transaction when there is one (an API request under an Idempotency-Key commits the
        // payment together with the stored response), else runs in its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // Lock the open invoices the payment may touch (the ones named when amounts are given) so two clerks applying
        // money at once cannot over-apply an invoice.
        var named = input.Allocations.Where(a => a.Amount != 0m).Select(a => a.InvoiceId).Distinct().ToArray();
        var openInvoices = input.KeepUnapplied
            ? []
            : await OpenInvoiceLocks.ForUpdate(db, customer.TenantId, customer.Id, named.Length > 0 ? named : null).ToListAsync(cancellationToken);
        var settings = await numbers.SettingsAsync(cancellationToken);
        var grant = new DiscountGrant(input.GrantDiscounts, settings.EarlyPaymentTolerance);
        var outcome = input.KeepUnapplied
            ? new AppliedPayment([], input.Amount, [])
            : new PaymentApplication(openInvoices, input.ReceivedOn, grant).Apply(input.Amount, input.Currency, input.Allocations);
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
        foreach (var applied in outcome.Allocations)
        {
            payment.Allocations.Add(new PaymentAllocation { Id = Guid.CreateVersion7(), InvoiceId = applied.Invoice.Id, Amount = applied.Amount });
            applied.Invoice.UpdatedAt = now;
            if (applied.Discount > 0m)
            {
                await AddDiscountCreditNoteAsync(applied, input.ReceivedOn, now, cancellationToken);
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
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        // Only the reference's index means "recorded twice"; any other unique violation is a fault to report as such.
        catch (DbUpdateException ex) when (transaction is not null
            && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: ReferenceIndex })
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return Fail(nameof(input.Reference), $"A payment with reference {reference} is already recorded; it was not recorded twice.");
        }

        return new PaymentResult(payment, []);
    }

    private async Task AddDiscountCreditNoteAsync(AppliedAllocation applied, DateOnly receivedOn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invoice = applied.Invoice;
        db.CreditNotes.Add(new CreditNote
        {
            Id = Guid.CreateVersion7(),
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Number = await numbers.NextAsync(DocumentSeries.CreditNote, receivedOn, cancellationToken),
            IssueDate = receivedOn,
            Amount = applied.Discount,
            TaxAmount = applied.DiscountTax,
            Currency = invoice.Currency,
            Reason = $"Early-payment discount ({invoice.Terms})",
            CreatedAt = now,
        });
    }

    private static PaymentResult Fail(string field, string message) => new(null, [(field, message)]);
}
