using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages;

/// <summary>What is owed, what is late and who to look at first.</summary>
public sealed class IndexModel(ArCollectDbContext db, TimeProvider time) : PageModel
{
    public sealed record CurrencyTotals(string Currency, decimal Open, decimal Overdue, int OverdueCount);

    public sealed record OverdueCustomer(Guid CustomerId, string Name, string Currency, decimal Overdue, DateOnly OldestDue);

    public DateOnly Today { get; private set; }
    public IReadOnlyList<CurrencyTotals> ByCurrency { get; private set; } = [];
    public IReadOnlyList<OverdueCustomer> TopOverdue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var today = Today;
        var open = db.Invoices.AsNoTracking().Where(i => i.Balance > 0);
        var totals = await open
            .GroupBy(i => i.Currency)
            .Select(g => new
            {
                Currency = g.Key,
                Open = g.Sum(i => i.Balance),
                Overdue = g.Sum(i => i.DueDate < today ? i.Balance : 0m),
                OverdueCount = g.Sum(i => i.DueDate < today ? 1 : 0),
            })
            .OrderByDescending(c => c.Open)
            .ToListAsync(cancellationToken);
        ByCurrency = totals.Select(t => new CurrencyTotals(t.Currency, t.Open, t.Overdue, t.OverdueCount)).ToList();

        var top = await open
            .Where(i => i.DueDate < today)
            .GroupBy(i => new { i.CustomerId, i.Currency })
            .Select(g => new { g.Key.CustomerId, g.Key.Currency, Overdue = g.Sum(i => i.Balance), OldestDue = g.Min(i => i.DueDate) })
            .OrderByDescending(x => x.Overdue)
            .Take(10)
            .ToListAsync(cancellationToken);
        var ids = top.Select(t => t.CustomerId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        TopOverdue = top.Select(t => new OverdueCustomer(t.CustomerId, names[t.CustomerId], t.Currency, t.Overdue, t.OldestDue)).ToList();
    }
}
