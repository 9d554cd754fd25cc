using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Customers;

/// <summary>The customer list: search, filter by collector or overdue, sort by name or money owed, page through.</summary>
public sealed class IndexModel(ArCollectDbContext db, TenantProvisioning provisioning, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> SortColumns = ["name", "balance", "overdue", "oldest"];

    /// <summary>One customer with its open amounts, in the customer's currency.</summary>
    public sealed class CustomerRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? ExternalId { get; init; }
        public string? Segment { get; init; }
        public string? Region { get; init; }
        public Guid? CollectorId { get; init; }
        public string Currency { get; init; } = "";
        public decimal Open { get; init; }
        public decimal Overdue { get; init; }
        public DateOnly? OldestOverdueDue { get; init; }
        public int OtherCurrencyInvoices { get; init; }
    }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "name";

    [BindProperty(SupportsGet = true)]
    public string? Dir { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Collector { get; set; }

    /// <summary>Only customers of this region (exact match), as the KPI page's DSO sentences link to.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>Only customers of this segment (exact match).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Segment { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = PageLinks.PageParameter)]
    public int PageNumber { get; set; } = 1;

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
    public DateOnly Today { get; private set; }
    public IReadOnlyList<CustomerRow> Rows { get; private set; } = [];
    public IReadOnlyList<UserOption> Collectors { get; private set; } = [];
    public Paging Paging { get; private set; } = Paging.For(1, 0);

    public string CollectorName(Guid? id) => Collectors.FirstOrDefault(c => c.Id == id)?.Name ?? "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!SortColumns.Contains(Sort, StringComparer.OrdinalIgnoreCase))
        {
            Sort = "name";
        }

        Collectors = await provisioning.ListUsersAsync(cancellationToken);
        if (Sort.Equals("name", StringComparison.OrdinalIgnoreCase) && !OverdueOnly)
        {
            await LoadPageByNameAsync(cancellationToken);
            return;
        }

        var rows = Query(Today);
        Paging = Paging.For(PageNumber, await rows.CountAsync(cancellationToken));
        Rows = await Sorted(rows).Skip(Paging.Skip).Take(Paging.PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The default list (by name, no money filter) needs no customer's balance to order or count: it pages the
    /// customers through their name index, then sums the open invoices of that page only (50 customers, not the
    /// ledger's every open invoice; 370 ms to a few ms at one million invoices, see docs/benchmarks.md).
    /// </summary>
    private async Task LoadPageByNameAsync(CancellationToken cancellationToken)
    {
        var customers = Filtered();
        Paging = Paging.For(PageNumber, await customers.CountAsync(cancellationToken));
        var page = await (Descending ? customers.OrderByDescending(c => c.Name) : customers.OrderBy(c => c.Name)).ThenBy(c => c.Id)
            .Skip(Paging.Skip).Take(Paging.PageSize)
            .Select(c => new { c.Id, c.Name, c.ExternalId, c.Segment, c.Region, c.CollectorId, c.Currency })
            .ToListAsync(cancellationToken);
        var ids = page.Select(c => c.Id).ToList();
        var balances = await Balances(db.Invoices.Where(i => ids.Contains(i.CustomerId)), Today).ToDictionaryAsync(b => b.CustomerId, cancellationToken);
        Rows = page.Select(c =>
            {
                var b = balances.GetValueOrDefault(c.Id);
                return new CustomerRow
                {
                    Id = c.Id,
                    Name = c.Name,
                    ExternalId = c.ExternalId,
                    Segment = c.Segment,
                    Region = c.Region,
                    CollectorId = c.CollectorId,
                    Currency = c.Currency,
                    Open = b?.Open ?? 0m,
                    Overdue = b?.Overdue ?? 0m,
                    OldestOverdueDue = b?.OldestOverdueDue,
                    OtherCurrencyInvoices = b?.OtherCurrency ?? 0,
                };
            })
            .ToList();
    }

    /// <summary>Open amounts per customer; amounts in another currency than the customer's are counted, not added.</summary>
    private sealed class Balance
    {
        public Guid CustomerId { get; init; }
        public decimal Open { get; init; }
        public decimal Overdue { get; init; }
        public DateOnly? OldestOverdueDue { get; init; }
        public int OtherCurrency { get; init; }
    }

    private IQueryable<Balance> Balances(IQueryable<Domain.Invoices.Invoice> invoices, DateOnly today) =>
        from i in invoices
        where i.Balance > 0
        join c in db.Customers on i.CustomerId equals c.Id
        group new { i.Balance, i.DueDate, SameCurrency = i.Currency == c.Currency } by i.CustomerId
        into g
        select new Balance
        {
            CustomerId = g.Key,
            Open = g.Where(x => x.SameCurrency).Sum(x => x.Balance),
            Overdue = g.Where(x => x.SameCurrency && x.DueDate < today).Sum(x => x.Balance),
            OldestOverdueDue = g.Where(x => x.DueDate < today).Min(x => (DateOnly?)x.DueDate),
            OtherCurrency = g.Count(x => !x.SameCurrency),
        };

    private IQueryable<Domain.Customers.Customer> Filtered()
    {
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = LikePattern.Contains(Q);
            customers = customers.Where(c =>
                EF.Functions.ILike(c.Name, pattern, LikePattern.EscapeCharacter)
                || (c.ExternalId != null && EF.Functions.ILike(c.ExternalId, pattern, LikePattern.EscapeCharacter))
                || c.Contacts.Any(k => EF.Functions.ILike(k.Email, pattern, LikePattern.EscapeCharacter)));
        }

        if (Collector is { } collector)
        {
            customers = customers.Where(c => c.CollectorId == collector);
        }

        if (!string.IsNullOrWhiteSpace(Region))
        {
            customers = customers.Where(c => c.Region == Region);
        }

        if (!string.IsNullOrWhiteSpace(Segment))
        {
            customers = customers.Where(c => c.Segment == Segment);
        }

        return customers;
    }

    /// <summary>Every filtered customer with its balances from one grouped query over the open invoices, for sorting or filtering by money.</summary>
    private IQueryable<CustomerRow> Query(DateOnly today)
    {
        var balances = Balances(db.Invoices, today);
        var rows =
            from c in Filtered()
            join b in balances on c.Id equals b.CustomerId into matched
            from b in matched.DefaultIfEmpty()
            select new CustomerRow
            {
                Id = c.Id,
                Name = c.Name,
                ExternalId = c.ExternalId,
                Segment = c.Segment,
                Region = c.Region,
                CollectorId = c.CollectorId,
                Currency = c.Currency,
                // The database yields NULL for customers without open invoices; coalescing there keeps the shaper simple.
                Open = (decimal?)b!.Open ?? 0m,
                Overdue = (decimal?)b!.Overdue ?? 0m,
                OldestOverdueDue = b!.OldestOverdueDue,
                OtherCurrencyInvoices = (int?)b!.OtherCurrency ?? 0,
            };

        return OverdueOnly ? rows.Where(r => r.OldestOverdueDue != null) : rows;
    }

    private IQueryable<CustomerRow> Sorted(IQueryable<CustomerRow> rows)
    {
        var desc = Descending;
        var sorted = Sort.ToLowerInvariant() switch
        {
            "balance" => desc ? rows.OrderByDescending(r => r.Open) : rows.OrderBy(r => r.Open),
            "overdue" => desc ? rows.OrderByDescending(r => r.Overdue) : rows.OrderBy(r => r.Overdue),
            // Most days overdue is the earliest due date; customers with nothing overdue count as zero days.
            "oldest" => desc
                ? rows.OrderBy(r => r.OldestOverdueDue == null).ThenBy(r => r.OldestOverdueDue)
                : rows.OrderBy(r => r.OldestOverdueDue != null).ThenByDescending(r => r.OldestOverdueDue),
            _ => desc ? rows.OrderByDescending(r => r.Name) : rows.OrderBy(r => r.Name),
        };
        return sorted.ThenBy(r => r.Name).ThenBy(r => r.Id);
    }
}
