using ArCollect.Domain.Disputes;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Disputes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Disputes;

/// <summary>
/// Opens a dispute from an invoice (/Disputes/New?invoiceId=...): the disputed amount on that invoice or one of its
/// lines, and on any other open invoice of the same customer the dispute also covers.
/// </summary>
public sealed class NewModel(ArCollectDbContext db, DisputeService disputes, IValidator<OpenDisputeInput> validator) : PageModel
{
    public sealed class Row
    {
        public Guid InvoiceId { get; set; }
        public Guid? InvoiceLineId { get; set; }
        public decimal? Amount { get; set; }
    }

    public sealed record InvoiceChoice(Guid Id, string Number, DateOnly DueDate, decimal Balance, decimal Disputed, IReadOnlyList<(Guid Id, string Text)> Lines);

    [BindProperty(SupportsGet = true)]
    public Guid InvoiceId { get; set; }

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    [BindProperty]
    public string ReasonCode { get; set; } = "";

    [BindProperty]
    public DisputePriority? Priority { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public string Customer { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public IReadOnlyList<InvoiceChoice> Invoices { get; private set; } = [];
    public IReadOnlyList<DisputeReasonCode> Reasons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Rows = Invoices.Select(i => new Row { InvoiceId = i.Id }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var kept = Rows.Select((r, n) => (Row: r, Index: n)).Where(x => x.Row.Amount is not null).ToList();
        var input = new OpenDisputeInput
        {
            ReasonCode = ReasonCode,
            Priority = Priority,
            Notes = Notes,
            Items = kept.Select(x => new DisputeItemInput { InvoiceId = x.Row.InvoiceId, InvoiceLineId = x.Row.InvoiceLineId, Amount = x.Row.Amount }).ToList(),
        };
        var validation = await validator.ValidateAsync(input, HttpContext.RequestAborted);
        var errors = validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
        if (validation.IsValid)
        {
            var result = await disputes.OpenAsync(input, HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                return Redirect($"/Disputes/Details/{result.Id}?done=Dispute%20opened.");
            }

            errors.AddRange(result.Errors);
        }

        foreach (var (field, message) in errors)
        {
            // "Items[k].Amount" is the k-th filled row: point the message at that row's own field.
            ModelState.AddModelError(RowKey(field, kept.Select(k => k.Index).ToList()), message);
        }

        return await LoadAsync() ? Page() : NotFound();
    }

    private static string RowKey(string field, List<int> rowIndex)
    {
        if (field.StartsWith("Items[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 6
            && int.TryParse(field[6..close], out var k) && k < rowIndex.Count)
        {
            return $"Rows[{rowIndex[k]}]{field[(close + 1)..]}";
        }

        return field == "Items" ? "" : field;
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == InvoiceId).Select(i => new { i.CustomerId, i.Currency }).FirstOrDefaultAsync(ct);
        if (invoice is null)
        {
            return false;
        }

        Customer = await db.Customers.Where(c => c.Id == invoice.CustomerId).Select(c => c.Name).SingleAsync(ct);
        Currency = invoice.Currency;
        var open = await db.Invoices.AsNoTracking()
            .Where(i => i.CustomerId == invoice.CustomerId && i.Currency == invoice.Currency && (i.Id == InvoiceId || i.Balance > 0))
            .OrderBy(i => i.Id != InvoiceId).ThenBy(i => i.DueDate).Take(20)
            .Select(i => new { i.Id, i.Number, i.DueDate, i.Balance, i.DisputedAmount, Lines = i.Lines.Where(l => l.LateFeePeriod == null).OrderBy(l => l.LineNumber).Select(l => new { l.Id, l.Description }).ToList() })
            .ToListAsync(ct);
        Invoices = open.Select(i => new InvoiceChoice(i.Id, i.Number, i.DueDate, i.Balance, i.DisputedAmount, i.Lines.Select(l => (l.Id, l.Description)).ToList())).ToList();
        await DisputeSetup.EnsureReasonCodesAsync(db, ct);
        Reasons = await db.DisputeReasonCodes.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.SortOrder).ThenBy(r => r.Label).ToListAsync(ct);
        return true;
    }
}
