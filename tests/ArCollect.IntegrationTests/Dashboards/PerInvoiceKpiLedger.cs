using ArCollect.Domain.Invoices;
using ArCollect.Domain.Kpis;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.IntegrationTests.Dashboards;

/// <summary>
/// Loads the per-invoice facts KPIs need for a window (dated payments, credit notes and write-offs of each issued
/// invoice) in the base currency at today's rates: the reference the daily facts (<see cref="KpiFactsQuery"/>) are
/// checked against. Write-offs are dated by their write-off records; a late fee is a sale of its own on the day it was
/// charged (an entry with the invoice's due date), so the invoice itself counts its total less its fees.
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
            .Select(i => new { i.Id, i.IssueDate, i.DueDate, i.Currency, i.Total, i.LateFees, i.SettledOn })
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

        var writeOffs = await (from w in db.WriteOffs
                               join i in invoices on w.InvoiceId equals i.Id
                               select new { w.InvoiceId, w.WrittenOffOn, w.Amount })
            .AsNoTracking().ToListAsync(cancellationToken);
        var fees = (await (from l in db.InvoiceLines
                           join i in invoices on l.InvoiceId equals i.Id
                           where l.LateFeePeriod != null
                           select new { l.InvoiceId, On = l.ChargedOn ?? i.IssueDate, Amount = l.NetAmount + l.TaxAmount })
            .AsNoTracking().ToListAsync(cancellationToken)).ToLookup(f => f.InvoiceId);
        var reductions = payments.Select(p => (p.InvoiceId, R: new Reduction(p.ReceivedOn, p.Amount, true)))
            .Concat(credits.Select(c => (c.InvoiceId, R: new Reduction(c.IssueDate, c.Amount, false))))
            .Concat(writeOffs.Select(w => (w.InvoiceId, R: new Reduction(w.WrittenOffOn, w.Amount, false))))
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
            ledger.Add(new LedgerInvoice(
                h.IssueDate, h.DueDate, (h.Total - h.LateFees) * rate.RateToBase, list.Select(r => r with { Amount = r.Amount * rate.RateToBase }).ToList(), h.SettledOn));
            ledger.AddRange(fees[h.Id].Select(f => new LedgerInvoice(f.On, h.DueDate, f.Amount * rate.RateToBase, [], null)));
        }

        return (ledger, missing.ToList());
    }
}
