using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Infrastructure.Exports;

public enum LedgerList
{
    Customers,
    Invoices,
    Aging,
}

/// <summary>The customer, invoice and aging lists as export tables, streamed from the database.</summary>
public sealed class LedgerExportQueries(ArCollectDbContext db, TimeProvider time)
{
    public LedgerTable Table(LedgerList list) => list switch
    {
        LedgerList.Customers => new LedgerTable("Customers",
            ["External id", "Name", "Currency", "Terms (days)", "Email", "Segment", "Region", "Open balance"], CustomerRows()),
        LedgerList.Invoices => new LedgerTable("Invoices",
            ["Number", "Customer", "State", "Status", "Issue date", "Due date", "Terms", "Currency", "Total", "Paid", "Credited", "Written off", "Balance"], InvoiceRows()),
        _ => new LedgerTable($"Aging {Today():yyyy-MM-dd}",
            ["Customer", "Currency", "Current", "1-30", "31-60", "61-90", "90+", "Total open"], AgingRows()),
    };

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async IAsyncEnumerable<object?[]> CustomerRows()
    {
        var rows = db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => new
        {
            c.ExternalId,
            c.Name,
            c.Currency,
            c.PaymentTermsDays,
            Email = c.Contacts.OrderByDescending(x => x.IsPrimary).Select(x => x.Email).FirstOrDefault(),
            c.Segment,
            c.Region,
            Open = db.Invoices.Where(i => i.CustomerId == c.Id).Sum(i => i.Balance),
        }).AsAsyncEnumerable();
        await foreach (var c in rows)
        {
            yield return [c.ExternalId, c.Name, c.Currency, c.PaymentTermsDays, c.Email, c.Segment, c.Region, c.Open];
        }
    }

    private async IAsyncEnumerable<object?[]> InvoiceRows()
    {
        var today = Today();
        var rows = db.Invoices.AsNoTracking().OrderBy(i => i.IssueDate).ThenBy(i => i.Number)
            .Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new { Invoice = i, Customer = c.Name }).AsAsyncEnumerable();
        await foreach (var row in rows)
        {
            var i = row.Invoice;
            yield return
            [
                i.Number, row.Customer, i.State.ToString(), i.StatusOn(today).ToString(), i.IssueDate, i.DueDate, i.Terms, i.Currency,
                i.Total, i.AmountPaid, i.AmountCredited, i.AmountWrittenOff, i.State == InvoiceState.Issued ? i.OpenAmount : 0m,
            ];
        }
    }

    private async IAsyncEnumerable<object?[]> AgingRows()
    {
        var today = Today();
        var (d30, d60, d90) = (today.AddDays(-30), today.AddDays(-60), today.AddDays(-90));
        var rows = db.Invoices.AsNoTracking().Where(i => i.Balance > 0)
            .GroupBy(i => new { i.CustomerId, i.Currency })
            .Select(g => new
            {
                g.Key.CustomerId,
                g.Key.Currency,
                Current = g.Sum(i => i.DueDate >= today ? i.Balance : 0m),
                Days30 = g.Sum(i => i.DueDate < today && i.DueDate >= d30 ? i.Balance : 0m),
                Days60 = g.Sum(i => i.DueDate < d30 && i.DueDate >= d60 ? i.Balance : 0m),
                Days90 = g.Sum(i => i.DueDate < d60 && i.DueDate >= d90 ? i.Balance : 0m),
                Over90 = g.Sum(i => i.DueDate < d90 ? i.Balance : 0m),
                Total = g.Sum(i => i.Balance),
            })
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { c.Name, a })
            .OrderBy(x => x.Name).ThenBy(x => x.a.Currency)
            .AsAsyncEnumerable();
        await foreach (var x in rows)
        {
            yield return [x.Name, x.a.Currency, x.a.Current, x.a.Days30, x.a.Days60, x.a.Days90, x.a.Over90, x.a.Total];
        }
    }
}
