using ArCollect.Domain.Dashboards;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Payments;
using ArCollect.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>Payments, credit notes and rates for dashboard tests, written the way the ledger writes them.</summary>
public static class DashboardLedger
{
    public static async Task PayAsync(TestDatabase db, Guid tenantId, Invoice invoice, decimal amount, DateOnly receivedOn)
    {
        await using var scope = db.ForTenant(tenantId);
        var stored = await scope.Db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            CustomerId = stored.CustomerId,
            ReceivedOn = receivedOn,
            Amount = amount,
            Currency = stored.Currency,
            CreatedAt = db.Time.GetUtcNow(),
        };
        payment.Allocations.Add(new PaymentAllocation { Id = Guid.CreateVersion7(), InvoiceId = stored.Id, Amount = amount });
        stored.AmountPaid += amount;
        if (stored.OpenAmount <= 0m)
        {
            stored.SettledOn = receivedOn;
        }

        scope.Db.Payments.Add(payment);
        await scope.Db.SaveChangesAsync();
    }

    /// <summary>Takes back the payments applied to an invoice (a returned transfer): payments, allocations and the paid amount go together.</summary>
    public static async Task ReversePaymentsAsync(TestDatabase db, Guid tenantId, string invoiceNumber)
    {
        await using var scope = db.ForTenant(tenantId);
        var stored = await scope.Db.Invoices.SingleAsync(i => i.Number == invoiceNumber);
        var payments = await scope.Db.Payments.Include(p => p.Allocations).Where(p => p.Allocations.Any(a => a.InvoiceId == stored.Id)).ToListAsync();
        stored.AmountPaid -= payments.SelectMany(p => p.Allocations).Where(a => a.InvoiceId == stored.Id).Sum(a => a.Amount);
        stored.SettledOn = stored.OpenAmount > 0m ? null : stored.SettledOn;
        // A payment with allocations cannot be deleted: its allocations go first, so the daily facts reverse the cash.
        scope.Db.PaymentAllocations.RemoveRange(payments.SelectMany(p => p.Allocations));
        scope.Db.Payments.RemoveRange(payments);
        await scope.Db.SaveChangesAsync();
    }

    public static async Task CreditAsync(TestDatabase db, Guid tenantId, Invoice invoice, decimal amount, DateOnly on)
    {
        await using var scope = db.ForTenant(tenantId);
        var stored = await scope.Db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        scope.Db.CreditNotes.Add(new CreditNote
        {
            Id = Guid.CreateVersion7(),
            CustomerId = stored.CustomerId,
            InvoiceId = stored.Id,
            Number = "CN-" + stored.Number,
            IssueDate = on,
            Amount = amount,
            Currency = stored.Currency,
            Reason = "Price correction",
            CreatedAt = db.Time.GetUtcNow(),
        });
        stored.AmountCredited += amount;
        await scope.Db.SaveChangesAsync();
    }

    /// <summary>Writes off the whole open amount on a day, with the write-off record the ledger's invariants require.</summary>
    public static async Task WriteOffAsync(TestDatabase db, Guid tenantId, Invoice invoice, DateOnly on)
    {
        await using var scope = db.ForTenant(tenantId);
        var stored = await scope.Db.Invoices.SingleAsync(i => i.Id == invoice.Id);
        var amount = stored.OpenAmount;
        scope.Db.WriteOffs.Add(new WriteOff
        {
            Id = Guid.CreateVersion7(),
            CustomerId = stored.CustomerId,
            InvoiceId = stored.Id,
            WrittenOffOn = on,
            Amount = amount,
            Currency = stored.Currency,
            Reason = "Customer insolvent",
            CreatedAt = db.Time.GetUtcNow(),
        });
        stored.AmountWrittenOff += amount;
        stored.SettledOn = on;
        await scope.Db.SaveChangesAsync();
    }

    public static async Task RateAsync(TestDatabase db, Guid tenantId, string currency, decimal rate, DateOnly on)
    {
        await using var scope = db.ForTenant(tenantId);
        scope.Db.ExchangeRates.Add(new ExchangeRate { Id = Guid.CreateVersion7(), Currency = currency, RateToBase = rate, RateDate = on, UpdatedAt = db.Time.GetUtcNow() });
        await scope.Db.SaveChangesAsync();
    }
}
