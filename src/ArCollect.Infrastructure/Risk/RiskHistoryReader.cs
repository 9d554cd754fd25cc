using ArCollect.Domain.Dunning;
using ArCollect.Domain.Risk;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Risk;

/// <summary>Reads the current tenant's ledger as customer histories, in a few set-based queries.</summary>
public static class RiskHistoryReader
{
    public static async Task<List<CustomerHistory>> ReadAsync(ArCollectDbContext db, CancellationToken cancellationToken)
    {
        var customers = await db.Customers.AsNoTracking()
            .Select(c => new RiskCustomer(c.Id, c.Segment, c.Region ?? c.Country, null))
            .ToListAsync(cancellationToken);

        // Written-off and fully credited invoices count as settled on the day they closed: the customer did not pay
        // on time, and the history should say so.
        var invoices = await db.Invoices.AsNoTracking()
            .Select(i => new RiskInvoice(i.Id, i.CustomerId, i.IssueDate, i.DueDate, i.Total, i.Currency, i.SettledOn))
            .ToListAsync(cancellationToken);
        var disputes = await db.Disputes.AsNoTracking()
            .Select(d => new { d.CustomerId, d.OpenedOn })
            .ToListAsync(cancellationToken);
        // A promise's outcome is certain the day after its promised day plus the tenant's grace (the reminder run
        // settles it then at the latest), so a feature built before that day cannot see it.
        var grace = await db.PortalSettings.AsNoTracking().Select(p => (int?)p.PromiseGraceDays).FirstOrDefaultAsync(cancellationToken)
            ?? Domain.Portal.PortalSettings.DefaultPromiseGraceDays;
        var promises = await db.Promises.AsNoTracking()
            .Where(p => p.Status == PromiseStatus.Kept || p.Status == PromiseStatus.Broken)
            .Select(p => new { p.CustomerId, p.PromisedDate, p.Status })
            .ToListAsync(cancellationToken);
        return RiskLedger.Histories(customers, invoices, disputes.Select(d => (d.CustomerId, d.OpenedOn)),
            promises.Select(p => (p.CustomerId, new RiskPromise(p.PromisedDate.AddDays(grace + 1), p.Status == PromiseStatus.Kept))));
    }
}
