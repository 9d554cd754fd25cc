using ArCollect.Domain.Invoices;
using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Loads the per-invoice facts KPIs need for a window (dated payments, credit notes and write-offs of each issued
/// invoice) in the base currency at today's rates: the reference the daily facts (<see cref="KpiFactsQuery"/>) are
/// checked against. Write-offs carry no date of their own: they are dated on the invoice's settlement day, or today
/// if the invoice is still open.
/// </summary>
public sealed class PerInvoiceKpiLedger(ArCollectDbContext db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<(IReadOnlyList<LedgerInvoice> Ledger, IReadOnlyList<string> MissingRates)> LedgerAsync(DateOnly from, CancellationToken cancellationToken)
    {
        var today = Today;
        var issuedFrom = from.AddMonths(-KpiCalculator.CountbackMonths);
        var invoices = db.Invoices.AsNoTracking()
            .Where(i => i.State == InvoiceState.Issued && (i.IssueDate >= issuedFrom || i.SettledOn == null || i.SettledOn >= from));
        var headers = await invoices
            .Select(i => new { i.Id, i.IssueDate, i.DueDate, i.Currency, i.Total, i.AmountWrittenOff, i.SettledOn })
            .ToListAsync(cancellationToken);
        var payments = await (from a in db.PaymentAllocations
                              join p in db.Payments on a.PaymentId equals p.Id
                              join i in invoices on a.InvoiceId equals i.Id
                              select new { a.InvoiceId, p.ReceivedOn, a.Amount })
            .AsNoTracking().ToListAsync(cancellationToken);
        var credits = await (from c in db.CreditNotes
                             join i in invoices on c.InvoiceId equals i.Id
                             select new { InvoiceId = c.InvoiceId!.Value, c.IssueDate, c.Amount })
            .AsNoTracking().ToListAsync(cancellationToken);

        var reductions = payments.Select(p => (p.InvoiceId, R: new Reduction(p.ReceivedOn, p.Amount, true)))
            .Concat(credits.Select(c => (c.InvoiceId, R: new Reduction(c.IssueDate, c.Amount, false))))
            .ToLookup(x => x.InvoiceId, x => x.R);
        var converter = await db.ConverterAsync(cancellationToken);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var ledger = new List<LedgerInvoice>(headers.Count);
        foreach (var h in headers)
        {
            var currency = h.Currency.Trim();
            if (converter.RateFor(currency, today) is not { } rate)
            {
                missing.Add(currency);
                continue;
            }

            var list = reductions[h.Id].ToList();
            if (h.AmountWrittenOff > 0m)
            {
                list.Add(new Reduction(h.SettledOn ?? today, h.AmountWrittenOff, false));
            }

            ledger.Add(new LedgerInvoice(
                h.IssueDate, h.DueDate, h.Total * rate.RateToBase, list.Select(r => r with { Amount = r.Amount * rate.RateToBase }).ToList(), h.SettledOn));
        }

        return (ledger, missing.ToList());
    }
}
