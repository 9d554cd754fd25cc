using ArCollect.Domain.Activities;
using ArCollect.Domain.Common;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Common;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Payments;

/// <summary>Money on a customer's account in one currency: the unapplied parts of its payments.</summary>
public sealed record UnappliedCash(string Currency, decimal Amount, int Payments);

public sealed record ApplyUnappliedCashResult(IReadOnlyList<AppliedAllocation> Applied, decimal LeftOnAccount, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Applies money kept on a customer's account (overpayments, receipts kept on account, payments recorded without
/// allocation) to its open invoices later, in one transaction, by the same rules as <see cref="PaymentRecorder"/>:
/// the clerk's amounts or oldest due date first, never more than an invoice's open amount or the credit, never across
/// currencies. No early-payment discount is granted (the money was not paid for these invoices in their window), and an
/// invoice it settles is settled on the tenant's local date of the application. The money is taken from the payments
/// oldest first; each new allocation records the day it was applied, so a promise to pay made before counts it.
/// </summary>
public sealed class UnappliedCashApplier(ArCollectDbContext db, TenantContext tenant, TimeProvider time)
{
    /// <summary>The customer's unapplied cash per currency, largest first.</summary>
    public async Task<IReadOnlyList<UnappliedCash>> OnAccountAsync(Guid customerId, CancellationToken cancellationToken) =>
        (await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId && p.UnappliedAmount > 0m)
            .GroupBy(p => p.Currency)
            .Select(g => new UnappliedCash(g.Key, g.Sum(p => p.UnappliedAmount), g.Count()))
            .ToListAsync(cancellationToken))
        .OrderByDescending(c => c.Amount).ThenBy(c => c.Currency, StringComparer.Ordinal).ToList();

    public async Task<ApplyUnappliedCashResult> ApplyAsync(ApplyUnappliedCashInput input, CancellationToken cancellationToken)
    {
        input.RoundToMinorUnits();
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CustomerId, cancellationToken);
        if (customer is null)
        {
            return Fail(nameof(input.CustomerId), "Choose a customer of your company.");
        }

        var currency = input.Currency.Trim().ToUpperInvariant();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // Invoices first, in id order, as every writer of payments locks them; then the payments that hold the money,
        // so two clerks applying the same credit queue and the second sees what the first left.
        var openInvoices = await OpenInvoiceLocks.ForUpdate(db, customer.TenantId, customer.Id).ToListAsync(cancellationToken);
        var payments = await db.Payments
            .FromSql($"""
                SELECT * FROM payments WHERE tenant_id = {customer.TenantId} AND customer_id = {customer.Id}
                AND currency = {currency} AND unapplied_amount > 0 ORDER BY id FOR UPDATE
                """)
            .ToListAsync(cancellationToken);
        var credit = payments.Sum(p => p.UnappliedAmount);
        if (credit <= 0m)
        {
            return Fail(nameof(input.Currency), $"{customer.Name} has no unapplied {currency} on account.");
        }

        var requested = input.Allocations.Where(a => a.Amount != 0m).Sum(a => a.Amount);
        if (requested > credit)
        {
            return Fail(nameof(input.Allocations), $"The amounts to apply ({currency} {requested:N2}) add up to more than the {currency} {credit:N2} on account.");
        }

        var zone = await db.Tenants.AsNoTracking().Where(t => t.Id == customer.TenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TenantNight.Zone(zone)).DateTime);
        var outcome = new PaymentApplication(openInvoices, today, new DiscountGrant(Grant: false)).Apply(credit, currency, input.Allocations);
        if (!outcome.Succeeded)
        {
            return new ApplyUnappliedCashResult([], credit, outcome.Errors.Select(e => (nameof(input.Allocations), e)).ToList());
        }

        if (outcome.Allocations.Count == 0)
        {
            return Fail(nameof(input.Allocations), $"{customer.Name} has no open {currency} invoice to apply the credit to.");
        }

        var sources = new Queue<Payment>(payments.OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id));
        foreach (var applied in outcome.Allocations)
        {
            var remaining = applied.Amount;
            while (remaining > 0m)
            {
                var source = sources.Peek();
                var part = Math.Min(remaining, source.UnappliedAmount);
                db.PaymentAllocations.Add(new PaymentAllocation
                {
                    Id = Guid.CreateVersion7(),
                    PaymentId = source.Id,
                    InvoiceId = applied.Invoice.Id,
                    Amount = part,
                    AppliedOn = today,
                });
                source.UnappliedAmount -= part;
                remaining -= part;
                if (source.UnappliedAmount == 0m)
                {
                    sources.Dequeue();
                }
            }

            applied.Invoice.UpdatedAt = now;
        }

        var left = credit - outcome.Allocations.Sum(a => a.Amount);
        foreach (var applied in outcome.Allocations)
        {
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                InvoiceId = applied.Invoice.Id,
                Type = ActivityType.Payment,
                At = now,
                UserId = tenant.UserId,
                Summary = ColumnText.Fit($"Unapplied cash of {currency} {applied.Amount:N2} applied to {applied.Invoice.Number}"
                    + (applied.Settled ? ", which is now settled" : $", {currency} {applied.Invoice.OpenAmount:N2} still open")
                    + $"; {currency} {left:N2} left on account", 500),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new ApplyUnappliedCashResult(outcome.Allocations, left, []);
    }

    private static ApplyUnappliedCashResult Fail(string field, string message) => new([], 0m, [(field, message)]);
}
