using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Invoices;

/// <summary>The invoice list: filter by derived status, aging bucket, customer, collector and issue date; sort; page.</summary>
public sealed class IndexModel(ArCollectDbContext db, TenantProvisioning provisioning, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> SortColumns = ["due", "issue", "balance", "number"];

    public sealed record InvoiceRow(
        Guid Id, string Number, Guid CustomerId, string CustomerName, DateOnly IssueDate, DateOnly DueDate, string Currency,
        decimal Total, decimal Balance, InvoiceStatus Status);

    public sealed record CurrencyTotal(string Currency, decimal Balance, int Count);

    [BindProperty(SupportsGet = true)]
    public InvoiceStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public AgingBucket? Bucket { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CustomerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Collector { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "due";

    [BindProperty(SupportsGet = true)]
    public string? Dir { get; set; }

    [BindProperty(SupportsGet = true, Name = PageLinks.PageParameter)]
    public int PageNumber { get; set; } = 1;

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
    public DateOnly Today { get; private set; }
    public string? PickedCustomerName { get; private set; }
    public IReadOnlyList<UserOption> Collectors { get; private set; } = [];
    public IReadOnlyList<InvoiceRow> Rows { get; private set; } = [];
    public IReadOnlyList<CurrencyTotal> Totals { get; private set; } = [];
    public Paging Paging { get; private set; } = Paging.For(1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!SortColumns.Contains(Sort, StringComparer.OrdinalIgnoreCase))
        {
            Sort = "due";
        }

        Collectors = await provisioning.ListUsersAsync(cancellationToken);
        if (CustomerId is { } customerId)
        {
            PickedCustomerName = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        }

        var invoices = Filtered(Today);
        Totals = await invoices
            .GroupBy(i => i.Currency)
            .OrderBy(g => g.Key)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(i => i.Balance), g.Count()))
            .ToListAsync(cancellationToken);
        Paging = Paging.For(PageNumber, Totals.Sum(t => t.Count));

        var withCustomer = invoices.Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new InvoiceWithCustomer { Invoice = i, CustomerName = c.Name });
        Rows = await Sorted(withCustomer)
            .Skip(Paging.Skip)
            .Take(Paging.PageSize)
            .SelectWithStatus(Today, x => x.Invoice, (x, status) => new InvoiceRow(
                x.Invoice.Id, x.Invoice.Number, x.Invoice.CustomerId, x.CustomerName, x.Invoice.IssueDate, x.Invoice.DueDate,
                x.Invoice.Currency, x.Invoice.Total, x.Invoice.Balance, status))
            .ToListAsync(cancellationToken);
    }

    private IQueryable<Invoice> Filtered(DateOnly today)
    {
        var invoices = db.Invoices.AsNoTracking();
        if (Status is { } status)
        {
            invoices = invoices.Where(InvoiceStatusRules.Is(status, today));
        }

        if (Bucket is { } bucket)
        {
            invoices = invoices.InBucket(bucket, today);
        }

        if (CustomerId is { } customerId)
        {
            invoices = invoices.Where(i => i.CustomerId == customerId);
        }
        else if (!string.IsNullOrWhiteSpace(Customer))
        {
            var pattern = LikePattern.Contains(Customer);
            invoices = invoices.Where(i => db.Customers.Any(c => c.Id == i.CustomerId && EF.Functions.ILike(c.Name, pattern, LikePattern.EscapeCharacter)));
        }

        if (Collector is { } collector)
        {
            invoices = invoices.Where(i => db.Customers.Any(c => c.Id == i.CustomerId && c.CollectorId == collector));
        }

        if (From is { } from)
        {
            invoices = invoices.Where(i => i.IssueDate >= from);
        }

        if (To is { } to)
        {
            invoices = invoices.Where(i => i.IssueDate <= to);
        }

        return invoices;
    }

    private IQueryable<InvoiceWithCustomer> Sorted(IQueryable<InvoiceWithCustomer> rows)
    {
        var desc = Descending;
        var sorted = Sort.ToLowerInvariant() switch
        {
            "issue" => desc ? rows.OrderByDescending(r => r.Invoice.IssueDate) : rows.OrderBy(r => r.Invoice.IssueDate),
            "balance" => desc ? rows.OrderByDescending(r => r.Invoice.Balance) : rows.OrderBy(r => r.Invoice.Balance),
            "number" => desc ? rows.OrderByDescending(r => r.Invoice.Number) : rows.OrderBy(r => r.Invoice.Number),
            _ => desc ? rows.OrderByDescending(r => r.Invoice.DueDate) : rows.OrderBy(r => r.Invoice.DueDate),
        };
        return sorted.ThenBy(r => r.Invoice.Number);
    }

    private sealed class InvoiceWithCustomer
    {
        public required Invoice Invoice { get; init; }
        public required string CustomerName { get; init; }
    }
}
