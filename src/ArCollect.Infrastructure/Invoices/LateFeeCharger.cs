using ArCollect.Domain.Common;
using ArCollect.Domain.Disputes;
using ArCollect.Domain.Dunning;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Invoices;

/// <summary>
/// Adds this period's late fee, as its own line, to each of the tenant's overdue issued invoices. A unique index on
/// (invoice, period) makes a rerun, a retry or a second worker charge nothing twice. The disputed part of an invoice (all of it when disputed in full) and invoices under an
/// open promise to pay (for the invoice or the whole account) are not charged, nor what the customer's unapplied cash
/// of the same currency covers (due first, an invoice on a plan by its first open instalment, as in the reminder run:
/// <see cref="UnappliedCredit"/>); an invoice on an active payment plan is late from its instalment
/// date, and "today" is the tenant's local date,
/// as for reminders. Flat amounts and caps are taken per currency (<see cref="InvoicingSettings.LateFeesFor"/>); each
/// fee line carries the day it was charged, and the invoice the sum of its fees, so the daily facts book the fee then.
/// </summary>
public sealed class LateFeeCharger(ArCollectDbContext db, TimeProvider time)
{
    private const int BatchSize = 500;

    public async Task<int> ChargeDueAsync(CancellationToken cancellationToken)
    {
        var settings = await db.InvoicingSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings is null || settings.LateFeeKind == LateFeeKind.None)
        {
            return 0;
        }

        var policy = settings.LateFees;

        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Late fees are charged per tenant.");
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.TimeZone, t.BaseCurrency }).SingleAsync(cancellationToken);
        var timeZone = tenant.TimeZone;
        var perCurrency = await db.CurrencySettings.AsNoTracking().ToDictionaryAsync(c => c.Currency.Trim(), cancellationToken);
        var policies = new Dictionary<string, LateFeePolicy>(StringComparer.Ordinal);
        LateFeePolicy PolicyFor(string currency)
        {
            if (!policies.TryGetValue(currency, out var found))
            {
                found = settings.LateFeesFor(currency, tenant.BaseCurrency.Trim(), perCurrency.GetValueOrDefault(currency));
                policies[currency] = found;
            }

            return found;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TenantNight.Zone(timeZone)).DateTime);
        var plans = await PaymentPlans.PlanStandings.ActiveAsync(db, null, cancellationToken, track: false);
        var covered = await CoveredByCreditAsync(PaymentPlans.PlanStandings.FirstOpenDueDates(plans), cancellationToken);
        var lateFrom = today.AddDays(-policy.GraceDays);
        // An invoice on an active payment plan is late only once its instalment date (plus the fee's grace) has passed.
        var planned = PaymentPlans.PlanStandings.DueDates(plans);
        var charged = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await db.Invoices
                .Where(i => i.State == InvoiceState.Issued && i.Balance > 0 && i.DueDate < lateFrom && (!i.IsDisputed || (i.DisputedAmount > 0 && i.DisputedAmount < i.Balance))
                    && !db.Promises.Any(p => p.Status == PromiseStatus.Open && p.CustomerId == i.CustomerId && (p.InvoiceId == null || p.InvoiceId == i.Id))
                    && (after == null || i.Id.CompareTo(after.Value) > 0))
                .OrderBy(i => i.Id).Take(BatchSize).Include(i => i.Lines)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return charged;
            }

            foreach (var invoice in batch)
            {
                var due = planned.TryGetValue(invoice.Id, out var plan) ? plan.DueDate : invoice.DueDate;
                if (due < lateFrom && Charge(invoice, PolicyFor(invoice.Currency.Trim()), today, now, due, covered.GetValueOrDefault(invoice.Id)) is { } line)
                {
                    // Added explicitly: a new line with its id already set would otherwise be taken for an existing row.
                    db.InvoiceLines.Add(line);
                    charged++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// How much of each open invoice the customers' unapplied cash covers, by the rule reminders use
    /// (<see cref="UnappliedCredit"/>: same currency, due first, a planned invoice by its first open instalment): no fee
    /// is charged on money already on account.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, decimal>> CoveredByCreditAsync(IReadOnlyDictionary<Guid, DateOnly> planned, CancellationToken cancellationToken)
    {
        var credits = await db.Payments.AsNoTracking().Where(p => p.UnappliedAmount > 0m)
            .GroupBy(p => new { p.CustomerId, p.Currency })
            .Select(g => new { g.Key.CustomerId, g.Key.Currency, Amount = g.Sum(p => p.UnappliedAmount) })
            .ToListAsync(cancellationToken);
        if (credits.Count == 0)
        {
            return new Dictionary<Guid, decimal>();
        }

        var customerIds = credits.Select(c => c.CustomerId).Distinct().ToList();
        var invoices = await db.Invoices.AsNoTracking().Where(i => customerIds.Contains(i.CustomerId) && i.Balance > 0)
            .Select(i => new { i.Id, i.CustomerId, i.Number, i.DueDate, i.Currency, i.Balance, i.DisputedAmount, i.IsDisputed })
            .ToListAsync(cancellationToken);
        var covered = new Dictionary<Guid, decimal>();
        foreach (var customer in invoices.GroupBy(i => i.CustomerId))
        {
            var credit = credits.Where(c => c.CustomerId == customer.Key).ToDictionary(c => c.Currency.Trim(), c => c.Amount, StringComparer.Ordinal);
            var items = customer.Select(i => new CreditableInvoice(i.Id, i.Number, i.DueDate, i.Currency.Trim(), DisputedBalance.Chaseable(i.Balance, i.DisputedAmount, i.IsDisputed)));
            foreach (var (id, amount) in UnappliedCredit.Cover(items, credit, planned))
            {
                covered[id] = amount;
            }
        }

        return covered;
    }

    private static InvoiceLine? Charge(Invoice invoice, LateFeePolicy policy, DateOnly today, DateTimeOffset now, DateOnly dueDate, decimal coveredByCredit)
    {
        var fees = invoice.Lines.Where(l => l.LateFeePeriod != null).ToList();
        var principal = invoice.Lines.Where(l => l.LateFeePeriod == null).Sum(l => l.NetAmount + l.TaxAmount);
        // Only the undisputed part not covered by money on account is late.
        var principalOpen = Math.Max(0m, DisputedBalance.Chaseable(
            principal - invoice.AmountPaid - invoice.AmountCredited - invoice.AmountWrittenOff, invoice.DisputedAmount, invoice.IsDisputed) - coveredByCredit);
        var charge = policy.ChargeOn(today, dueDate, principalOpen, fees.Sum(l => l.NetAmount),
            fees.Select(l => l.LateFeePeriod!).ToHashSet(StringComparer.Ordinal));
        if (charge is null)
        {
            return null;
        }

        var line = new InvoiceLine
        {
            Id = Guid.CreateVersion7(),
            TenantId = invoice.TenantId,
            InvoiceId = invoice.Id,
            LineNumber = invoice.Lines.Count == 0 ? 1 : invoice.Lines.Max(l => l.LineNumber) + 1,
            Description = $"Late fee for {charge.Period}",
            Quantity = 1m,
            UnitPrice = charge.Amount,
            NetAmount = charge.Amount,
            LateFeePeriod = charge.Period,
            ChargedOn = today,
        };
        invoice.Lines.Add(line);
        invoice.Subtotal += charge.Amount;
        invoice.Total += charge.Amount;
        invoice.LateFees += charge.Amount;
        invoice.UpdatedAt = now;
        return line;
    }
}
