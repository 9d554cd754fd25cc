using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.InvoiceActions;

/// <summary>
/// Cancel and rebill one issued invoice: credits it in full with a credit note and opens a draft copy, linked to it,
/// to correct and issue. Linked from the invoice page as /InvoiceActions/Rebill?id={invoiceId}.
/// </summary>
public sealed class RebillModel(ArCollectDbContext db, InvoiceRebilling rebilling) : PageModel
{
    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public decimal Balance { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await rebilling.CancelAndRebillAsync(id, Reason, HttpContext.RequestAborted);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field == "Reason" ? nameof(Reason) : string.Empty, message);
            }

            await LoadAsync(id);
            return Page();
        }

        TempData["Flash"] = $"Invoice {Number} cancelled with credit note {result.CreditNoteNumber} for {result.Draft!.Currency} {result.Credited:N2}. "
            + "This draft copy is linked to it: correct it, then issue it.";
        return Redirect($"/Invoices/Edit/{result.Draft.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Number, i.Currency, i.Balance }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (invoice is null)
        {
            return false;
        }

        (Id, Number, Currency, Balance) = (id, invoice.Number, invoice.Currency, invoice.Balance);
        return true;
    }
}
