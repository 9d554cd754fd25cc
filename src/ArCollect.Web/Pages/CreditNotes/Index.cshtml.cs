using ArCollect.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.CreditNotes;

/// <summary>Recent credit notes and, separately, write-offs, with their totals per currency.</summary>
public sealed class IndexModel(ArCollectDbContext db) : PageModel
{
    private const int Shown = 200;

    public sealed record Row(DateOnly Date, string? Number, string Invoice, string Customer, string Currency, decimal Amount, string Reason);

    public sealed record Total(string Currency, decimal Amount);

    public IReadOnlyList<Row> Credits { get; private set; } = [];
    public IReadOnlyList<Row> WriteOffs { get; private set; } = [];
    public IReadOnlyList<Total> CreditTotals { get; private set; } = [];
    public IReadOnlyList<Total> WriteOffTotals { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Credits = await (from c in db.CreditNotes.AsNoTracking()
                         join i in db.Invoices on c.InvoiceId equals i.Id
                         join cu in db.Customers on c.CustomerId equals cu.Id
                         orderby c.IssueDate descending, c.Number descending
                         select new Row(c.IssueDate, c.Number, i.Number, cu.Name, c.Currency, c.Amount, c.Reason)).Take(Shown).ToListAsync(ct);
        WriteOffs = await (from w in db.WriteOffs.AsNoTracking()
                           join i in db.Invoices on w.InvoiceId equals i.Id
                           join cu in db.Customers on w.CustomerId equals cu.Id
                           orderby w.WrittenOffOn descending, w.CreatedAt descending
                           select new Row(w.WrittenOffOn, null, i.Number, cu.Name, w.Currency, w.Amount, w.Reason)).Take(Shown).ToListAsync(ct);
        CreditTotals = await db.CreditNotes.AsNoTracking().GroupBy(c => c.Currency)
            .OrderBy(g => g.Key).Select(g => new Total(g.Key, g.Sum(c => c.Amount))).ToListAsync(ct);
        WriteOffTotals = await db.WriteOffs.AsNoTracking().GroupBy(w => w.Currency)
            .OrderBy(g => g.Key).Select(g => new Total(g.Key, g.Sum(w => w.Amount))).ToListAsync(ct);
    }
}
