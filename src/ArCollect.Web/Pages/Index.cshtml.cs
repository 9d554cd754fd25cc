using ArCollect.Domain.Invoices;
using ArCollect.Domain.Tenancy;
using ArCollect.Infrastructure.Dashboards;
using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages;

/// <summary>What is owed, what is late and who to look at first.</summary>
public sealed class IndexModel(ArCollectDbContext db, TimeProvider time) : PageModel
{
    public sealed record CurrencyTotals(string Currency, decimal Open, decimal Overdue, int OverdueCount);

    /// <summary>A customer's overdue balance in the base currency (<c>MissingRate</c>: some currency had no stored rate and is left out).</summary>
    public sealed record OverdueCustomer(Guid CustomerId, string Name, string Currency, decimal Overdue, DateOnly OldestDue, bool MissingRate);

    public DateOnly Today { get; private set; }
    public IReadOnlyList<CurrencyTotals> ByCurrency { get; private set; } = [];
    public IReadOnlyList<OverdueCustomer> TopOverdue { get; private set; } = [];

    public string BaseCurrency { get; private set; } = "";

    /// <summary>Write-offs waiting for a manager; counted for managers and admins only (null for clerks).</summary>
    public int? PendingWriteOffs { get; private set; }

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

        // Ranked in the base currency with the worklist's conversion, so a large debt in any currency comes first.
        BaseCurrency = (await db.ConverterAsync(cancellationToken)).BaseCurrency;
        var top = await TopLists.MostOverdueAsync(db, BaseCurrency, today, 10, cancellationToken);
        TopOverdue = top.Select(t => new OverdueCustomer(t.CustomerId, t.Name, BaseCurrency, t.Overdue, t.OldestDue, t.MissingRate)).ToList();
        if (User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin))
        {
            PendingWriteOffs = await db.WriteOffRequests.CountAsync(r => r.Status == WriteOffRequestStatus.Pending, cancellationToken);
        }
    }
}
