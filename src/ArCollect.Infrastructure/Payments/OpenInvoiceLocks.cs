using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Payments;

/// <summary>
/// The lock every writer of payments takes before it applies money: a customer's open invoices, <c>FOR UPDATE</c> in
/// id order, so two writers paying the same customer queue instead of over-applying an invoice or deadlocking.
/// </summary>
public static class OpenInvoiceLocks
{
    /// <summary>
    /// The customer's open invoices, locked: only those in <paramref name="only"/> when given (a payment that names its
    /// invoices touches no other), else all of them (oldest first needs them all).
    /// </summary>
    public static IQueryable<Invoice> ForUpdate(ArCollectDbContext db, Guid tenantId, Guid customerId, IReadOnlyCollection<Guid>? only = null) =>
        only is null
            ? db.Invoices.FromSql($"SELECT * FROM invoices WHERE tenant_id = {tenantId} AND customer_id = {customerId} AND balance > 0 ORDER BY id FOR UPDATE")
            : db.Invoices.FromSql($"SELECT * FROM invoices WHERE tenant_id = {tenantId} AND customer_id = {customerId} AND balance > 0 AND id = ANY({only.ToArray()}) ORDER BY id FOR UPDATE");
}
