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
        ByCurrency = await open
            .GroupBy(i => i.Currency)
            .Select(g => new CurrencyTotals(
                g.Key,
                g.Sum(i => i.Balance),
                g.Where(i => i.DueDate < today).Sum(i => i.Balance),
                g.Count(i => i.DueDate < today)))
            .OrderByDescending(c => c.Open)
            .ToListAsync(cancellationToken);

        TopOverdue = await open
            .Where(i => i.DueDate < today)
            .GroupBy(i => new { i.CustomerId, i.Currency })
            .Select(g => new { g.Key.CustomerId, g.Key.Currency, Overdue = g.Sum(i => i.Balance), OldestDue = g.Min(i => i.DueDate) })
            .OrderByDescending(x => x.Overdue)
            .Take(10)
            .Join(db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new OverdueCustomer(x.CustomerId, c.Name, x.Currency, x.Overdue, x.OldestDue))
            .ToListAsync(cancellationToken);
    }
}
